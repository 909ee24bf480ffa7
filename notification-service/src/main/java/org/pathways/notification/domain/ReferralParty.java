package org.pathways.notification.domain;

import java.util.UUID;

/**
 * What we remember of a referral to route its later events: who sent it (the actor of "sent"), between whom, for which
 * subject (an opaque id) and its latest state.
 */
public record ReferralParty(UUID referralId, UUID referrerUserId, UUID fromOrganisationId, UUID toOrganisationId,
        UUID toServiceId, UUID subjectId, String state) {
}
