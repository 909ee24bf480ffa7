package org.pathways.referral.domain.section;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** GOALS: what she wants to change, and by when. */
public record Goals(@NotNull @Size(min = 1, max = 20) List<@NotNull @Valid Goal> goals) implements SectionContent {

    public record Goal(@NotBlank @Size(max = 1000) String goal, LocalDate by) {
    }
}
