package org.pathways.notification.domain;

import java.util.UUID;

/** What we remember of a safeguarding override to route its expiry: who requested and who approved it (ids only). */
public record OverrideParty(UUID overrideId, UUID organisationId, UUID requesterUserId, UUID approverUserId) {
}
