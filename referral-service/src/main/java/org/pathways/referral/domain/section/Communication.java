package org.pathways.referral.domain.section;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** COMMUNICATION: preferred language (a BCP 47 tag such as {@code pa} or {@code ur-PK}), interpreter, BSL, literacy, accessibility. */
public record Communication(
        @Size(max = 35) @Pattern(regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", message = "must be a BCP 47 language tag") String preferredLanguage,
        Boolean interpreterNeeded,
        InterpreterGender interpreterGender,
        Boolean bsl,
        @Size(max = 1000) String literacy,
        @Size(max = 2000) String accessibility) implements SectionContent {

    public enum InterpreterGender { FEMALE, MALE, NO_PREFERENCE }
}
