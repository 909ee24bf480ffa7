package org.pathways.notification.domain;

import java.util.UUID;

/** What we remember of a referral to route its later events: who sent it (the actor of "sent") and between whom. */
public record ReferralParty(UUID referralId, UUID referrerUserId, UUID fromOrganisationId, UUID toOrganisationId,
        UUID toServiceId) {
}
