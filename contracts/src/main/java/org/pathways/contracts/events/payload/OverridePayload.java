package org.pathways.contracts.events.payload;

import java.util.UUID;

/** What the safeguarding override events (requested, approved, expired) say about an override. */
public interface OverridePayload extends EventPayload {

    UUID overrideId();

    long version();

    UUID subjectId();

    UUID partnershipId();

    UUID organisationId();

    /** {@code defs.json} overrideState. */
    String state();

    String occurredAt();
}
