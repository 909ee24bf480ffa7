package org.pathways.directory.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.events.payload.DirectoryCapacityChanged;
import org.pathways.contracts.events.payload.DirectoryCapacityStale;
import org.pathways.contracts.events.payload.DirectoryLocationChanged;
import org.pathways.contracts.events.payload.DirectoryPartnershipChanged;
import org.pathways.contracts.events.payload.DirectoryServiceCreated;
import org.pathways.contracts.events.payload.DirectoryServiceUpdated;
import org.pathways.contracts.events.payload.DirectorySpocChanged;
import org.pathways.directory.domain.CapacityStatus;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Location;
import org.pathways.platform.outbox.Outbox;

/** Builds the directory's events (ids and codes only) and records them in the outbox of the current transaction. */
@ApplicationScoped
public class DirectoryEvents {

    @Inject
    Outbox outbox;

    public void serviceCreated(DirectoryService s, UUID actor) {
        outbox.publish(new DirectoryServiceCreated(s.id, s.organisationId, actor, s.capacityStatus.name(),
                sorted(s.needCodes), sorted(s.eligibilityCodes), s.version, now()));
    }

    public void serviceUpdated(DirectoryService s, UUID actor) {
        outbox.publish(new DirectoryServiceUpdated(s.id, s.organisationId, actor, s.capacityStatus.name(),
                sorted(s.needCodes), sorted(s.eligibilityCodes), s.version, now()));
    }

    public void capacityChanged(DirectoryService s, CapacityStatus previous, UUID actor) {
        outbox.publish(new DirectoryCapacityChanged(s.id, s.organisationId, actor, s.capacityStatus.name(),
                previous == null ? null : previous.name(), s.version, now()));
    }

    /** Capacity unconfirmed for longer than the stale period (see {@link CapacityStaleJob}); no actor: the job. */
    public void capacityStale(UUID serviceId, UUID organisationId, CapacityStatus status, OffsetDateTime updatedAt, long version) {
        outbox.publish(new DirectoryCapacityStale(serviceId, organisationId, status.name(), updatedAt.toString(), version, now()));
    }

    /**
     * A location was created, replaced or deleted. Ids and a change code only: the location's name, address, postcode,
     * coordinates and phone never go into an event (a refuge's address must not live on in Kafka).
     */
    public void locationChanged(Location l, String change, List<UUID> serviceIds, UUID actor) {
        outbox.publish(new DirectoryLocationChanged(l.id, l.organisationId, change,
                serviceIds.isEmpty() ? null : serviceIds.stream().distinct().toList(), actor, l.version, now()));
    }

    /** {@code serviceId} null: the organisation-level SPOC changed (the aggregate is then the organisation). */
    public void spocChanged(UUID serviceId, UUID organisationId, UUID spocUserId, long version, UUID actor) {
        outbox.publish(new DirectorySpocChanged(serviceId, organisationId, actor,
                spocUserId == null ? null : List.of(spocUserId), version, now()));
    }

    /**
     * A partnership's membership or agreements changed, or it was deleted (ADR 0061): {@code version} is the partnership's,
     * bumped in the same transaction ({@link DirectoryWrites#bump}), so consumers can order and de-duplicate.
     */
    public void partnershipChanged(UUID partnershipId, String change, UUID organisationId, UUID agreementId, long version) {
        outbox.publish(new DirectoryPartnershipChanged(partnershipId, change, organisationId, agreementId, version, now()));
    }

    /** Codes in a stable order (the event's arrays are sets). */
    private static List<String> sorted(java.util.Collection<String> codes) {
        return new ArrayList<>(new TreeSet<>(codes));
    }

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }
}
