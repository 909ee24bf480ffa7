package org.pathways.contracts.events.payload;

import java.util.UUID;

/** What the consent events (granted, changed, withdrawn, expiring, expired) say about a consent version. */
public interface ConsentPayload extends EventPayload {

    UUID consentId();

    long version();

    UUID subjectId();

    UUID partnershipId();

    /** The organisation that recorded the consent or the change. */
    UUID organisationId();

    /** Who recorded it; null for system changes. */
    UUID actorUserId();

    String state();

    String expiresAt();

    String occurredAt();
}
