package org.pathways.referral.domain.section;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * SAFE_CONTACT: how and when it is safe to contact her. {@code doNotContact} and {@code contactViaNamedWorkerOnly} are
 * required (an explicit yes or no): they are shown to every receiver whatever else consent shares.
 */
public record SafeContact(
        @NotNull Boolean doNotContact,
        @NotNull Boolean contactViaNamedWorkerOnly,
        @Size(max = 100) String namedWorkerId,
        @Size(max = 6) List<@NotNull ContactMethod> safeMethods,
        @Size(max = 1000) String safeTimes,
        Boolean messageMayBeLeft,
        @Size(max = 2000) String instructions) implements SectionContent {

    public enum ContactMethod { PHONE_CALL, SMS, EMAIL, POST, IN_PERSON, VIA_WORKER }
}
