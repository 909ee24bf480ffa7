package org.pathways.referral.domain.section;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** STORY: her account in her own words, the part she must not be asked to repeat (at most 20,000 characters). */
public record Story(
        @NotBlank @Size(max = Story.MAX_TEXT) String text,
        @Size(max = 35) @Pattern(regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", message = "must be a BCP 47 language tag") String language,
        Boolean recordedWithInterpreter) implements SectionContent {

    public static final int MAX_TEXT = 20_000;
}
