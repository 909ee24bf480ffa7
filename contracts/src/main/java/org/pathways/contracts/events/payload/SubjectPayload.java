package org.pathways.contracts.events.payload;

import java.util.UUID;

/** What every {@code pathways.subject.*} event says: whose, and her registering organisation. */
public interface SubjectPayload extends EventPayload {

    UUID subjectId();

    UUID organisationId();

    String occurredAt();
}
