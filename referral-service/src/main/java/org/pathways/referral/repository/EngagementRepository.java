package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.setInstant;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;

/** What the aggregate reports count: engagements (organisation x subject, first time only) and identity hashes. */
@ApplicationScoped
public class EngagementRepository {

    /** How an organisation's work with her began. */
    public enum Source { REGISTERED, REFERRAL_ACCEPTED }

    @Inject
    Jdbc jdbc;

    /** Records that {@code organisationId} started working with her, unless it already had. */
    public void record(UUID organisationId, UUID subjectId, Instant at, Source source) {
        jdbc.update("insert into engagement (organisation_id, subject_id, started_at, source) "
                + "values (?, ?, ?, ?) on conflict (organisation_id, subject_id) do nothing", ps -> {
                    ps.setObject(1, organisationId);
                    ps.setObject(2, subjectId);
                    setInstant(ps, 3, at);
                    ps.setString(4, source.name());
                });
    }

    /** Sets (or, with {@code hash == null}, removes) her identity hash. */
    public void setIdentityHash(UUID subjectId, String hash, Instant at) {
        String sql = hash == null ? "delete from identity_hash where subject_id = ?"
                : "insert into identity_hash (subject_id, hash, updated_at) values (?, ?, ?) "
                        + "on conflict (subject_id) do update set hash = excluded.hash, updated_at = excluded.updated_at";
        jdbc.update(sql, ps -> {
            ps.setObject(1, subjectId);
            if (hash != null) {
                ps.setString(2, hash);
                setInstant(ps, 3, at);
            }
        });
    }
}
