package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.domain.Subject;

/** Subjects and their wrapped data keys. Every lookup is scoped to an owning organisation. */
@ApplicationScoped
public class SubjectRepository {

    private static final String COLUMNS = "id, organisation_id, lead_worker_id, restricted, version, registered_by, registered_at, updated_at";

    @Inject
    Jdbc jdbc;

    public void insert(Subject s, String kekId, byte[] wrappedKey) {
        jdbc.update("insert into subject (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setObject(1, s.id());
            ps.setObject(2, s.organisationId());
            ps.setString(3, s.leadWorkerId());
            ps.setBoolean(4, s.restricted());
            ps.setLong(5, s.version());
            ps.setString(6, s.registeredBy());
            setInstant(ps, 7, s.registeredAt());
            setInstant(ps, 8, s.updatedAt());
        });
        jdbc.update("insert into subject_key (subject_id, kek_id, wrapped_key, created_at) values (?, ?, ?, ?)", key -> {
            key.setObject(1, s.id());
            key.setString(2, kekId);
            key.setBytes(3, wrappedKey);
            setInstant(key, 4, s.registeredAt());
        });
    }

    /** The subject if the organisation owns it; {@code forUpdate} locks the row (serialises writes to her record). */
    public Optional<Subject> findOwned(UUID id, UUID organisationId, boolean forUpdate) {
        return jdbc.one("select " + COLUMNS + " from subject where id = ? and organisation_id = ?" + (forUpdate ? " for update" : ""),
                Jdbc.params(id, organisationId), SubjectRepository::map);
    }

    /** The subject whoever owns it: for the service's own checks, never returned to a caller without a scope check. */
    public Optional<Subject> find(UUID id) {
        return jdbc.one("select " + COLUMNS + " from subject where id = ?", Jdbc.params(id), SubjectRepository::map);
    }

    public Subject update(Subject s, String leadWorkerId, boolean restricted, Instant now) {
        int updated = jdbc.update("update subject set lead_worker_id = ?, restricted = ?, version = version + 1, updated_at = ? "
                + "where id = ? and version = ?", ps -> {
                    ps.setString(1, leadWorkerId);
                    ps.setBoolean(2, restricted);
                    setInstant(ps, 3, now);
                    ps.setObject(4, s.id());
                    ps.setLong(5, s.version());
                });
        if (updated != 1) throw new IllegalStateException("subject changed under a row lock");
        return new Subject(s.id(), s.organisationId(), leadWorkerId, restricted, s.version() + 1, s.registeredBy(),
                s.registeredAt(), now);
    }

    /** Her wrapped data key, or empty once it has been destroyed (erasure). */
    public Optional<byte[]> wrappedKey(UUID subjectId) {
        return jdbc.one("select wrapped_key from subject_key where subject_id = ?", Jdbc.params(subjectId), rs -> rs.getBytes(1));
    }

    private static Subject map(ResultSet rs) throws SQLException {
        return new Subject(uuid(rs, "id"), uuid(rs, "organisation_id"), rs.getString("lead_worker_id"),
                rs.getBoolean("restricted"), rs.getLong("version"), rs.getString("registered_by"),
                instant(rs, "registered_at"), instant(rs, "updated_at"));
    }
}
