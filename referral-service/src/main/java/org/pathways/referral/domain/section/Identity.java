package org.pathways.referral.domain.section;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/** IDENTITY: name, other names, date of birth, pronouns. Never used as an identifier or for matching. */
public record Identity(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 10) List<@NotBlank @Size(max = 200) String> otherNames,
        @PastOrPresent LocalDate dateOfBirth,
        @Size(max = 50) String pronouns) implements SectionContent {
}
