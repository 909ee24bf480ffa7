package org.pathways.contracts.events.payload;

import java.util.UUID;

/** What the service events (created, updated, capacity changed, capacity stale) say about a directory service. */
public interface DirectoryServicePayload extends EventPayload {

    UUID serviceId();

    UUID organisationId();

    /** {@code defs.json} capacityStatus: the current one (as last confirmed, for a stale notice). */
    String capacityStatus();

    /** The service's version after the change. */
    long version();

    String occurredAt();
}
