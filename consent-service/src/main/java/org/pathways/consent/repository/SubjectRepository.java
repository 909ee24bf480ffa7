package org.pathways.consent.repository;

import static org.pathways.platform.repository.Jdbc.time;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.consent.domain.Subject;
import org.pathways.platform.repository.Jdbc;

/** Subjects and the referrals that give organisations a reason to act for them. */
@ApplicationScoped
public class SubjectRepository {

    @Inject
    Jdbc jdbc;

    /**
     * From {@code pathways.subject.registered}; her lead worker at registration counts as version 0. A row already made
     * by a handover that overtook the registration (a replay from the dead-letter topic) keeps its newer lead worker.
     */
    public void register(UUID subjectId, UUID organisationId, UUID leadWorkerId, OffsetDateTime at) {
        jdbc.update("""
                insert into subject (id, registered_by_org, registered_at, lead_worker_id, lead_worker_version)
                values (?, ?, ?, ?, ?)
                on conflict (id) do update set registered_at = least(subject.registered_at, excluded.registered_at)
                """, ps -> {
                    ps.setObject(1, subjectId);
                    ps.setObject(2, organisationId);
                    ps.setObject(3, at);
                    ps.setObject(4, leadWorkerId);
                    ps.setObject(5, leadWorkerId == null ? null : 0L);
                });
    }

    /**
     * From {@code pathways.subject.lead-worker-changed}: stores her new lead worker only if {@code version} is newer than
     * the one stored (events may come twice or out of order), she is not erased, and the event's organisation is the one
     * that registered her. A handover seen before her registration makes the row (the event names the same
     * organisation). True if it changed anything.
     */
    public boolean changeLeadWorker(UUID subjectId, UUID organisationId, UUID leadWorkerId, long version, OffsetDateTime at) {
        return jdbc.update("""
                insert into subject (id, registered_by_org, registered_at, lead_worker_id, lead_worker_version)
                values (?, ?, ?, ?, ?)
                on conflict (id) do update set lead_worker_id = excluded.lead_worker_id,
                    lead_worker_version = excluded.lead_worker_version
                where subject.erased_at is null and subject.registered_by_org = excluded.registered_by_org
                  and (subject.lead_worker_version is null or subject.lead_worker_version < excluded.lead_worker_version)
                """, ps -> {
                    ps.setObject(1, subjectId);
                    ps.setObject(2, organisationId);
                    ps.setObject(3, at);
                    ps.setObject(4, leadWorkerId);
                    ps.setLong(5, version);
                }) > 0;
    }

    /** Her lead worker, if she has one recorded and it is at {@code organisationId} (the registering organisation). */
    public Optional<UUID> leadWorkerAt(UUID subjectId, UUID organisationId) {
        return jdbc.query("select lead_worker_id from subject where id = ? and registered_by_org = ? and erased_at is null "
                + "and lead_worker_id is not null", ps -> {
                    ps.setObject(1, subjectId);
                    ps.setObject(2, organisationId);
                }, rs -> uuid(rs, "lead_worker_id")).stream().findFirst();
    }

    public Optional<Subject> find(UUID subjectId) {
        return jdbc.query("select id, registered_by_org, registered_at, erased_at from subject where id = ?",
                ps -> ps.setObject(1, subjectId),
                rs -> new Subject(uuid(rs, "id"), uuid(rs, "registered_by_org"), time(rs, "registered_at"),
                        time(rs, "erased_at"))).stream().findFirst();
    }

    /** Records a referral's latest state; an event older than the one already applied changes nothing. */
    public void recordReferral(UUID referralId, UUID subjectId, UUID fromOrg, UUID toOrg, UUID toService, String state,
                               boolean live, int version, OffsetDateTime at) {
        jdbc.update("""
                insert into subject_referral (referral_id, subject_id, from_org, to_org, to_service, state, live, event_version, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (referral_id) do update set state = excluded.state, live = excluded.live,
                    event_version = excluded.event_version, updated_at = excluded.updated_at
                where subject_referral.event_version < excluded.event_version
                """, ps -> {
            ps.setObject(1, referralId);
            ps.setObject(2, subjectId);
            ps.setObject(3, fromOrg);
            ps.setObject(4, toOrg);
            ps.setObject(5, toService);
            ps.setString(6, state);
            ps.setBoolean(7, live);
            ps.setInt(8, version);
            ps.setObject(9, at);
        });
    }

    /**
     * Makes her row from referral-service's standing when a request about her comes before her registration event
     * (issue 14: recording consent right after registering her works at once). Idempotent with the event: an existing
     * row is left alone, and the event only ever moves {@code registered_at} earlier; the lead worker counts at the
     * subject version the standing was read at, so only a newer handover replaces it.
     */
    public void ensureKnown(UUID subjectId, UUID organisationId, UUID leadWorkerId, long subjectVersion, OffsetDateTime at) {
        jdbc.update("""
                insert into subject (id, registered_by_org, registered_at, lead_worker_id, lead_worker_version)
                values (?, ?, ?, ?, ?) on conflict (id) do nothing
                """, ps -> {
                    ps.setObject(1, subjectId);
                    ps.setObject(2, organisationId);
                    ps.setObject(3, at);
                    ps.setObject(4, leadWorkerId);
                    ps.setObject(5, leadWorkerId == null ? null : subjectVersion);
                });
    }

    public void markErased(UUID subjectId, OffsetDateTime at) {
        // The lead worker id goes too: nothing is sent about her any more, so it has no use left (ADR 0024).
        jdbc.update("update subject set erased_at = coalesce(erased_at, ?), lead_worker_id = null where id = ?", ps -> {
            ps.setObject(1, at);
            ps.setObject(2, subjectId);
        });
    }
}
