package org.pathways.referral.repository;

import static org.pathways.referral.repository.Jdbc.failure;
import static org.pathways.referral.repository.Jdbc.instant;
import static org.pathways.referral.repository.Jdbc.setInstant;
import static org.pathways.referral.repository.Jdbc.uuid;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.referral.domain.AuditRecord;

import io.agroal.api.AgroalDataSource;

/** The append-only, hash-chained access audit. */
@ApplicationScoped
public class AuditRepository {

    private static final String COLUMNS = "seq, id, occurred_at, actor_user_id, actor_organisation_id, actor_roles, purpose, "
            + "subject_id, categories, action, basis, basis_ref, outcome, prev_hash, hash";

    /** The chain's current end, locked until the caller's transaction ends. */
    public record Head(long lastSeq, String lastHash) {
    }

    @Inject
    AgroalDataSource dataSource;

    /**
     * Locks the chain head (SELECT ... FOR UPDATE) so appends are serialised and the chain stays linear. The lock is
     * held to the end of the transaction: call it as late as possible in a use case.
     */
    public Head lockHead() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select last_seq, last_hash from audit_chain_head where id = 1 for update")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("audit chain head is missing");
                return new Head(rs.getLong(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw failure("locking the audit chain", e);
        }
    }

    /** Inserts a hashed row and moves the head to it (the head must have been locked in this transaction). */
    public void append(AuditRecord r) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into access_audit (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement head = c.prepareStatement("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1 and last_seq = ?")) {
            ps.setLong(1, r.seq());
            ps.setObject(2, r.id());
            setInstant(ps, 3, r.occurredAt());
            ps.setString(4, r.actorUserId());
            ps.setObject(5, r.actorOrganisationId());
            ps.setString(6, r.actorRoles());
            ps.setString(7, r.purpose());
            ps.setObject(8, r.subjectId());
            ps.setString(9, r.categories());
            ps.setString(10, r.action());
            ps.setString(11, r.basis());
            ps.setString(12, r.basisRef());
            ps.setString(13, r.outcome());
            ps.setString(14, r.prevHash());
            ps.setString(15, r.hash());
            ps.executeUpdate();
            head.setLong(1, r.seq());
            head.setString(2, r.hash());
            head.setLong(3, r.seq() - 1);
            if (head.executeUpdate() != 1) throw new IllegalStateException("audit chain head moved without its lock");
        } catch (SQLException e) {
            throw failure("appending to the audit", e);
        }
    }

    /** One subject's rows in order, after {@code afterSeq}, at most {@code limit}. */
    public List<AuditRecord> forSubject(UUID subjectId, long afterSeq, int limit) {
        List<AuditRecord> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from access_audit where subject_id = ? and seq > ? order by seq limit ?")) {
            ps.setObject(1, subjectId);
            ps.setLong(2, afterSeq);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
        } catch (SQLException e) {
            throw failure("reading the access log", e);
        }
        return out;
    }

    /** Current head without locking it. */
    public Head head() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select last_seq, last_hash from audit_chain_head where id = 1")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Head(rs.getLong(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw failure("reading the audit chain head", e);
        }
    }

    /**
     * Streams every row up to {@code uptoSeq} in chain order to {@code visitor} (a server-side cursor, so the whole
     * table is never in memory); stops early when the visitor returns false.
     */
    public void scan(long uptoSeq, Predicate<AuditRecord> visitor) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from access_audit where seq <= ? order by seq")) {
            ps.setFetchSize(1000);
            ps.setLong(1, uptoSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!visitor.test(map(rs))) return;
                }
            }
        } catch (SQLException e) {
            throw failure("scanning the audit", e);
        }
    }

    private static AuditRecord map(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong("seq"), uuid(rs, "id"), instant(rs, "occurred_at"), rs.getString("actor_user_id"),
                uuid(rs, "actor_organisation_id"), rs.getString("actor_roles"), rs.getString("purpose"), uuid(rs, "subject_id"),
                rs.getString("categories"), rs.getString("action"), rs.getString("basis"), rs.getString("basis_ref"),
                rs.getString("outcome"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
