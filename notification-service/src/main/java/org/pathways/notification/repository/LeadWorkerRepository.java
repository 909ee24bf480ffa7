package org.pathways.notification.repository;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.notification.domain.LeadWorker;
import org.pathways.platform.repository.Jdbc;

/** Her current lead worker (ADR 0049), kept from the subject events on referral.events. */
@ApplicationScoped
public class LeadWorkerRepository {

    @Inject
    Jdbc jdbc;

    public Optional<LeadWorker> current(UUID subjectId) {
        return jdbc.query("select * from subject_lead_worker where subject_id = ?", ps -> ps.setObject(1, subjectId),
                rs -> new LeadWorker(Jdbc.uuid(rs, "subject_id"), Jdbc.uuid(rs, "organisation_id"),
                        Jdbc.uuid(rs, "lead_worker_user_id"), rs.getLong("version"), Jdbc.time(rs, "changed_at")))
                .stream().findFirst();
    }

    /**
     * Stores her lead worker at {@code version} unless we already hold this version or a newer one, or she is erased:
     * idempotent, and an older event arriving late (another partition, a replay) changes nothing. Returns whether it
     * changed anything.
     */
    public boolean apply(UUID subjectId, UUID organisationId, UUID leadWorker, long version, OffsetDateTime at) {
        return jdbc.update("""
                insert into subject_lead_worker (subject_id, organisation_id, lead_worker_user_id, version, changed_at)
                values (?, ?, ?, ?, ?)
                on conflict (subject_id) do update set organisation_id = excluded.organisation_id,
                    lead_worker_user_id = excluded.lead_worker_user_id, version = excluded.version,
                    changed_at = excluded.changed_at
                where not subject_lead_worker.erased and subject_lead_worker.version < excluded.version""", ps -> {
            ps.setObject(1, subjectId);
            ps.setObject(2, organisationId);
            ps.setObject(3, leadWorker);
            ps.setLong(4, version);
            ps.setObject(5, at);
        }) == 1;
    }

    /** She was erased: forget her lead worker for good (a tombstone no later event overrides). */
    public void erase(UUID subjectId, UUID organisationId, OffsetDateTime at) {
        jdbc.update("""
                insert into subject_lead_worker (subject_id, organisation_id, lead_worker_user_id, version, changed_at, erased)
                values (?, ?, null, ?, ?, true)
                on conflict (subject_id) do update set lead_worker_user_id = null, erased = true""", ps -> {
            ps.setObject(1, subjectId);
            ps.setObject(2, organisationId);
            ps.setLong(3, Long.MAX_VALUE);
            ps.setObject(4, at);
        });
    }
}
