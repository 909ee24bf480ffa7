package org.pathways.referral.directory;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.payload.DirectoryPartnershipChanged;
import org.pathways.contracts.events.payload.DirectoryServicePayload;
import org.pathways.contracts.events.payload.DirectorySpocChanged;
import org.pathways.contracts.events.payload.EventPayloads;
import org.pathways.platform.messaging.ProcessedEvents;
import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.client.DirectoryClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The directory facts a referral send needs — a service's routing and the data sharing agreements of two organisations —
 * held in referral-service's own database (issue 18, ADR 0061). Directory data, not consent: consent is still asked live
 * on every send and read.
 *
 * <p>directory-service's events carry ids, codes and versions only (never a SPOC's username or mailbox), so an answer
 * comes from its internal API the first time it is needed ({@link #storeRouting}, {@link #storeSharing}) and an event
 * that changes it drops it here ({@link #apply}); the next send asks once more. Each aggregate's newest version is kept:
 * an event at or below it (a repeat, or one that arrived late) changes nothing. Every applied event bumps one epoch in
 * its transaction; a live answer is stored only if the epoch is unchanged since it was asked for, checked under a share
 * lock that the event's update must wait for, so an answer read before a change never outlives that change's event.
 */
@ApplicationScoped
public class DirectoryReadModel {

    static final String CONSUMER = "referral-service.directory-events";

    public enum Outcome { APPLIED, DUPLICATE, STALE, IGNORED, UNKNOWN_TYPE }

    @Inject
    Jdbc jdbc;

    @Inject
    ProcessedEvents processed;

    @Inject
    ObjectMapper json;

    // ------------------------------------------------------------------------------------------------------- reads

    /** The routing held for the service, if any. */
    public Optional<DirectoryClient.Routing> routing(UUID serviceId) {
        return jdbc.query("select answer::text from directory_routing where service_id = ?", ps -> ps.setObject(1, serviceId),
                rs -> read(rs.getString(1), DirectoryClient.Routing.class)).stream().findFirst();
    }

    /** The data sharing answer held for the pair today (UTC, as the directory counts "current"), if any. */
    public Optional<DirectoryClient.Sharing> sharing(UUID a, UUID b) {
        UUID[] pair = ordered(a, b);
        return jdbc.query("select answer::text from directory_sharing where organisation_a = ? and organisation_b = ? and valid_on = ?",
                ps -> {
                    ps.setObject(1, pair[0]);
                    ps.setObject(2, pair[1]);
                    ps.setDate(3, Date.valueOf(today()));
                }, rs -> read(rs.getString(1), DirectoryClient.Sharing.class)).stream().findFirst();
    }

    /** Taken before asking directory-service live; the answer is stored only if it is still the same afterwards. */
    public long epoch() {
        return jdbc.query("select n from directory_epoch where id = 1", ps -> { }, rs -> rs.getLong(1)).get(0);
    }

    // ------------------------------------------------------------------------------------------------------ writes

    /** Stores a live routing answer asked for at {@code epoch}; false (nothing stored) if an event came in between. */
    public boolean storeRouting(UUID serviceId, DirectoryClient.Routing routing, long epoch) {
        if (routing.organisationId() == null) return false;
        String answer = write(routing);
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!unchanged(epoch)) return false;
            jdbc.update("insert into directory_routing (service_id, organisation_id, answer) values (?, ?, ?::jsonb) "
                    + "on conflict (service_id) do update set organisation_id = excluded.organisation_id, answer = excluded.answer, "
                    + "stored_at = now()", ps -> {
                        ps.setObject(1, serviceId);
                        ps.setObject(2, routing.organisationId());
                        ps.setString(3, answer);
                    });
            return true;
        });
    }

    /** Stores a live data sharing answer asked for at {@code epoch}; false (nothing stored) if an event came in between. */
    public boolean storeSharing(UUID a, UUID b, DirectoryClient.Sharing sharing, long epoch) {
        UUID[] pair = ordered(a, b);
        String answer = write(sharing);
        LocalDate on = today();
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!unchanged(epoch)) return false;
            jdbc.update("insert into directory_sharing (organisation_a, organisation_b, valid_on, answer) values (?, ?, ?, ?::jsonb) "
                    + "on conflict (organisation_a, organisation_b) do update set valid_on = excluded.valid_on, "
                    + "answer = excluded.answer, stored_at = now()", ps -> {
                        ps.setObject(1, pair[0]);
                        ps.setObject(2, pair[1]);
                        ps.setDate(3, Date.valueOf(on));
                        ps.setString(4, answer);
                    });
            return true;
        });
    }

    /** The share lock waits for an event's transaction that already bumped the epoch, and holds the next one back. */
    private boolean unchanged(long epoch) {
        return jdbc.query("select n from directory_epoch where id = 1 for share", ps -> { }, rs -> rs.getLong(1)).get(0) == epoch;
    }

    // ------------------------------------------------------------------------------------------------------ events

    /**
     * Applies one directory event, at most once (the platform's processed-event record, in the same transaction), and only
     * if its aggregate's version is newer than the newest seen: then what it may have changed is dropped.
     */
    @Transactional
    public Outcome apply(EventEnvelope event) {
        if (!EventTypes.isKnown(event.type())) return Outcome.UNKNOWN_TYPE;
        if (!processed.firstDelivery(CONSUMER, event.id())) return Outcome.DUPLICATE;
        switch (event.type()) {
            case EventTypes.DIRECTORY_SERVICE_CREATED, EventTypes.DIRECTORY_SERVICE_UPDATED, EventTypes.DIRECTORY_CAPACITY_CHANGED -> {
                DirectoryServicePayload d = EventPayloads.read(event, DirectoryServicePayload.class);
                UUID service = d.serviceId();
                if (!newer("SERVICE", service, d.version())) return Outcome.STALE;
                bump();
                jdbc.update("delete from directory_routing where service_id = ?", ps -> ps.setObject(1, service));
            }
            case EventTypes.DIRECTORY_SPOC_CHANGED -> {
                DirectorySpocChanged d = EventPayloads.read(event, DirectorySpocChanged.class);
                if (d.serviceId() != null) {
                    UUID service = d.serviceId();
                    if (!newer("SERVICE", service, d.version())) return Outcome.STALE;
                    bump();
                    jdbc.update("delete from directory_routing where service_id = ?", ps -> ps.setObject(1, service));
                } else {
                    // The organisation's fallback SPOC: every service of it that names no SPOC of its own routes there.
                    UUID organisation = d.organisationId();
                    if (!newer("ORGANISATION", organisation, d.version())) return Outcome.STALE;
                    bump();
                    jdbc.update("delete from directory_routing where organisation_id = ?", ps -> ps.setObject(1, organisation));
                }
            }
            case EventTypes.DIRECTORY_PARTNERSHIP_CHANGED -> {
                // Membership or agreements: rare administrative acts, so every pair is asked again.
                DirectoryPartnershipChanged d = EventPayloads.read(event, DirectoryPartnershipChanged.class);
                if (!newer("PARTNERSHIP", d.partnershipId(), d.version())) return Outcome.STALE;
                bump();
                jdbc.update("delete from directory_sharing", ps -> { });
            }
            default -> {
                // Locations, stale-capacity notices (the status is unchanged), routing-change notices (a spoc.changed or
                // service.updated carries the versioned change), and other topics' types: nothing the read model holds.
                return Outcome.IGNORED;
            }
        }
        return Outcome.APPLIED;
    }

    private boolean newer(String kind, UUID id, long version) {
        return jdbc.update("insert into directory_aggregate (kind, id, version) values (?, ?, ?) on conflict (kind, id) do update "
                + "set version = excluded.version, applied_at = now() where directory_aggregate.version < excluded.version", ps -> {
                    ps.setString(1, kind);
                    ps.setObject(2, id);
                    ps.setLong(3, version);
                }) == 1;
    }

    private void bump() {
        jdbc.update("update directory_epoch set n = n + 1 where id = 1", ps -> { });
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static UUID[] ordered(UUID a, UUID b) {
        return a.compareTo(b) <= 0 ? new UUID[] { a, b } : new UUID[] { b, a };
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable directory read model row", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a directory answer", e);
        }
    }
}
