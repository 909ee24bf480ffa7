package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.failure;
import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.referral.domain.Subject;

import io.agroal.api.AgroalDataSource;

/** Subjects and their wrapped data keys. Every lookup is scoped to an owning organisation. */
@ApplicationScoped
public class SubjectRepository {

    private static final String COLUMNS = "id, organisation_id, lead_worker_id, restricted, version, registered_by, registered_at, updated_at";

    @Inject
    AgroalDataSource dataSource;

    public void insert(Subject s, String kekId, byte[] wrappedKey) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into subject (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement key = c.prepareStatement(
                     "insert into subject_key (subject_id, kek_id, wrapped_key, created_at) values (?, ?, ?, ?)")) {
            ps.setObject(1, s.id());
            ps.setObject(2, s.organisationId());
            ps.setString(3, s.leadWorkerId());
            ps.setBoolean(4, s.restricted());
            ps.setLong(5, s.version());
            ps.setString(6, s.registeredBy());
            setInstant(ps, 7, s.registeredAt());
            setInstant(ps, 8, s.updatedAt());
            ps.executeUpdate();
            key.setObject(1, s.id());
            key.setString(2, kekId);
            key.setBytes(3, wrappedKey);
            setInstant(key, 4, s.registeredAt());
            key.executeUpdate();
        } catch (SQLException e) {
            throw failure("registering a subject", e);
        }
    }

    /** The subject if the organisation owns it; {@code forUpdate} locks the row (serialises writes to her record). */
    public Optional<Subject> findOwned(UUID id, UUID organisationId, boolean forUpdate) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from subject where id = ? and organisation_id = ?"
                     + (forUpdate ? " for update" : ""))) {
            ps.setObject(1, id);
            ps.setObject(2, organisationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading a subject", e);
        }
    }

    /** The subject whoever owns it: for the service's own checks, never returned to a caller without a scope check. */
    public Optional<Subject> find(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from subject where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading a subject", e);
        }
    }

    public Subject update(Subject s, String leadWorkerId, boolean restricted, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "update subject set lead_worker_id = ?, restricted = ?, version = version + 1, updated_at = ? where id = ? and version = ?")) {
            ps.setString(1, leadWorkerId);
            ps.setBoolean(2, restricted);
            setInstant(ps, 3, now);
            ps.setObject(4, s.id());
            ps.setLong(5, s.version());
            if (ps.executeUpdate() != 1) throw new IllegalStateException("subject changed under a row lock");
        } catch (SQLException e) {
            throw failure("updating a subject", e);
        }
        return new Subject(s.id(), s.organisationId(), leadWorkerId, restricted, s.version() + 1, s.registeredBy(),
                s.registeredAt(), now);
    }

    /** Her wrapped data key, or empty once it has been destroyed (erasure). */
    public Optional<byte[]> wrappedKey(UUID subjectId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select wrapped_key from subject_key where subject_id = ?")) {
            ps.setObject(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading a data key", e);
        }
    }

    private static Subject map(ResultSet rs) throws SQLException {
        return new Subject(uuid(rs, "id"), uuid(rs, "organisation_id"), rs.getString("lead_worker_id"),
                rs.getBoolean("restricted"), rs.getLong("version"), rs.getString("registered_by"),
                instant(rs, "registered_at"), instant(rs, "updated_at"));
    }
}
