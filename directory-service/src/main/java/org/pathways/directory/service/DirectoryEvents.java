package org.pathways.directory.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
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
        outbox.publish(Topics.DIRECTORY_EVENTS, EventTypes.DIRECTORY_SERVICE_CREATED, s.id.toString(), serviceFacts(s, actor));
    }

    public void serviceUpdated(DirectoryService s, UUID actor) {
        outbox.publish(Topics.DIRECTORY_EVENTS, EventTypes.DIRECTORY_SERVICE_UPDATED, s.id.toString(), serviceFacts(s, actor));
    }

    public void capacityChanged(DirectoryService s, CapacityStatus previous, UUID actor) {
        Map<String, Object> p = base(s.id, s.organisationId, s.version, actor);
        p.put("capacityStatus", s.capacityStatus.name());
        if (previous != null) p.put("previousCapacityStatus", previous.name());
        outbox.publish(Topics.DIRECTORY_EVENTS, EventTypes.DIRECTORY_CAPACITY_CHANGED, s.id.toString(), p);
    }

    /** Capacity unconfirmed for longer than the stale period (see {@link CapacityStaleJob}); no actor: the job. */
    public void capacityStale(UUID serviceId, UUID organisationId, CapacityStatus status, OffsetDateTime updatedAt, long version) {
        Map<String, Object> p = base(serviceId, organisationId, version, null);
        p.put("capacityStatus", status.name());
        p.put("capacityUpdatedAt", updatedAt.toString());
        outbox.publish(Topics.DIRECTORY_EVENTS, EventTypes.DIRECTORY_CAPACITY_STALE, serviceId.toString(), p);
    }

    /**
     * A location was created, replaced or deleted. Ids and a change code only: the location's name, address, postcode,
     * coordinates and phone never go into an event (a refuge's address must not live on in Kafka).
     */
    public void locationChanged(Location l, String change, java.util.List<UUID> serviceIds, UUID actor) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("locationId", l.id.toString());
        p.put("organisationId", l.organisationId.toString());
        p.put("change", change);
        if (!serviceIds.isEmpty()) p.put("serviceIds", serviceIds.stream().map(UUID::toString).distinct().toList());
        if (actor != null) p.put("actorUserId", actor.toString());
        p.put("version", l.version);
        p.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        outbox.publish(Topics.DIRECTORY_EVENTS, EventTypes.DIRECTORY_LOCATION_CHANGED, l.id.toString(), p);
    }

    /** {@code serviceId} null: the organisation-level SPOC changed (the aggregate is then the organisation). */
    public void spocChanged(UUID serviceId, UUID organisationId, UUID spocUserId, long version, UUID actor) {
        Map<String, Object> p = base(serviceId, organisationId, version, actor);
        if (spocUserId != null) p.put("spocUserIds", new ArrayList<>(java.util.List.of(spocUserId.toString())));
        String key = (serviceId != null ? serviceId : organisationId).toString();
        outbox.publish(Topics.DIRECTORY_EVENTS, EventTypes.DIRECTORY_SPOC_CHANGED, key, p);
    }

    /**
     * A partnership's membership or agreements changed, or it was deleted (ADR 0061): {@code version} is the partnership's,
     * bumped in the same transaction ({@link DirectoryWrites#bump}), so consumers can order and de-duplicate.
     */
    public void partnershipChanged(UUID partnershipId, String change, UUID organisationId, UUID agreementId, long version) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("partnershipId", partnershipId.toString());
        p.put("change", change);
        if (organisationId != null) p.put("organisationId", organisationId.toString());
        if (agreementId != null) p.put("agreementId", agreementId.toString());
        p.put("version", version);
        p.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        outbox.publish(Topics.DIRECTORY_EVENTS, EventTypes.DIRECTORY_PARTNERSHIP_CHANGED, partnershipId.toString(), p);
    }

    private Map<String, Object> serviceFacts(DirectoryService s, UUID actor) {
        Map<String, Object> p = base(s.id, s.organisationId, s.version, actor);
        p.put("capacityStatus", s.capacityStatus.name());
        p.put("needCodes", new ArrayList<>(new TreeSet<>(s.needCodes)));
        p.put("eligibilityCodes", new ArrayList<>(new TreeSet<>(s.eligibilityCodes)));
        return p;
    }

    private static Map<String, Object> base(UUID serviceId, UUID organisationId, long version, UUID actor) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (serviceId != null) p.put("serviceId", serviceId.toString());
        p.put("organisationId", organisationId.toString());
        if (actor != null) p.put("actorUserId", actor.toString());
        p.put("version", version);
        p.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return p;
    }
}
