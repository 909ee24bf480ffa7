package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.domain.AuditRecord;

/**
 * The append-only, hash-chained access audit (ADR 0030, ADR 0038). Requests only {@link #insert} rows, unchained; the
 * {@code AuditChainer} alone places them in the chain ({@link #unchained}, {@link #chain}) under an advisory lock.
 */
@ApplicationScoped
public class AuditRepository {

    private static final String COLUMNS = "entry_no, seq, id, occurred_at, actor_user_id, actor_organisation_id, actor_roles, "
            + "purpose, subject_id, categories, action, basis, basis_ref, outcome, prev_hash, hash";

    /** Arbitrary constant naming the chainer's advisory lock in this service's database (one chainer at a time). */
    public static final long CHAIN_LOCK = 0x0a0d_17c4_a1e5_0038L;

    /** The chain's current end. */
    public record Head(long lastSeq, String lastHash) {
    }

    /** Rows committed but not yet in the chain, and when the oldest of them was written (null when none). */
    public record Backlog(long rows, Instant oldest) {
    }

    @Inject
    Jdbc jdbc;

    /**
     * Inserts a row without touching the chain (seq, prev_hash and hash null): it commits with the caller's transaction
     * and takes no lock that other transactions wait for. Returns the row with its entry number.
     */
    public AuditRecord insert(AuditRecord r) {
        long entryNo = jdbc.one("insert into access_audit (id, occurred_at, actor_user_id, "
                + "actor_organisation_id, actor_roles, purpose, subject_id, categories, action, basis, basis_ref, outcome) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning entry_no", ps -> {
                    ps.setObject(1, r.id());
                    setInstant(ps, 2, r.occurredAt());
                    ps.setString(3, r.actorUserId());
                    ps.setObject(4, r.actorOrganisationId());
                    ps.setString(5, r.actorRoles());
                    ps.setString(6, r.purpose());
                    ps.setObject(7, r.subjectId());
                    ps.setString(8, r.categories());
                    ps.setString(9, r.action());
                    ps.setString(10, r.basis());
                    ps.setString(11, r.basisRef());
                    ps.setString(12, r.outcome());
                }, rs -> rs.getLong(1)).orElseThrow();
        return new AuditRecord(entryNo, null, r.id(), r.occurredAt(), r.actorUserId(), r.actorOrganisationId(),
                r.actorRoles(), r.purpose(), r.subjectId(), r.categories(), r.action(), r.basis(), r.basisRef(),
                r.outcome(), null, null);
    }

    /**
     * Takes the chainer's advisory lock for the current transaction; false if another instance's chainer holds it.
     */
    public boolean tryLockChain() {
        return jdbc.tryAdvisoryLock(CHAIN_LOCK);
    }

    /** The head, row-locked to the end of the transaction (only the chainer writes it, so nobody else waits). */
    public Head lockHead() {
        return jdbc.one("select last_seq, last_hash from audit_chain_head where id = 1 for update", ps -> { },
                rs -> new Head(rs.getLong(1), rs.getString(2)))
                .orElseThrow(() -> new IllegalStateException("audit chain head is missing"));
    }

    /** Committed rows not yet in the chain, oldest entry first, at most {@code limit}. */
    public List<AuditRecord> unchained(int limit) {
        return jdbc.query("select " + COLUMNS + " from access_audit where seq is null order by entry_no limit ?",
                ps -> ps.setInt(1, limit), AuditRepository::map);
    }

    /**
     * Writes the chain columns of {@code rows} (already placed and hashed, consecutive after {@code from}) and moves the
     * head to the last of them, in the current transaction. Fails if any row was chained meanwhile or the head moved.
     */
    public void chain(List<AuditRecord> rows, Head from) {
        if (rows.isEmpty()) return;
        int n = rows.size();
        Long[] entries = new Long[n];
        Long[] seqs = new Long[n];
        String[] prev = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            AuditRecord r = rows.get(i);
            entries[i] = r.entryNo();
            seqs[i] = r.seq();
            prev[i] = r.prevHash();
            hashes[i] = r.hash();
        }
        AuditRecord last = rows.get(n - 1);
        int chained = jdbc.update("update access_audit a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash "
                + "from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) as v(entry_no, seq, prev_hash, hash) "
                + "where a.entry_no = v.entry_no and a.seq is null", ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("bigint", entries));
                    ps.setArray(2, ps.getConnection().createArrayOf("bigint", seqs));
                    ps.setArray(3, ps.getConnection().createArrayOf("text", prev));
                    ps.setArray(4, ps.getConnection().createArrayOf("text", hashes));
                });
        if (chained != n) throw new IllegalStateException("audit rows were chained by someone else");
        int moved = jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1 and last_seq = ?", ps -> {
            ps.setLong(1, last.seq());
            ps.setString(2, last.hash());
            ps.setLong(3, from.lastSeq());
        });
        if (moved != 1) throw new IllegalStateException("audit chain head moved without its lock");
    }

    /** How many committed rows await the chain, and the oldest one's time (outside any transaction: for metrics too). */
    public Backlog backlog() {
        return jdbc.one("select count(*), min(occurred_at) from access_audit where seq is null", ps -> { },
                rs -> {
                    OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
                    return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
                }).orElseThrow();
    }

    /**
     * One subject's rows in entry order (chained or not, so a row shows as soon as it is committed), after entry
     * {@code afterEntry}, at most {@code limit}.
     */
    public List<AuditRecord> forSubject(UUID subjectId, long afterEntry, int limit) {
        return jdbc.query("select " + COLUMNS + " from access_audit where subject_id = ? and entry_no > ? order by entry_no limit ?",
                ps -> {
                    ps.setObject(1, subjectId);
                    ps.setLong(2, afterEntry);
                    ps.setInt(3, limit);
                }, AuditRepository::map);
    }

    /** Current head without locking it. */
    public Head head() {
        return jdbc.one("select last_seq, last_hash from audit_chain_head where id = 1", ps -> { },
                rs -> new Head(rs.getLong(1), rs.getString(2)))
                .orElseThrow(() -> new IllegalStateException("audit chain head is missing"));
    }

    /**
     * Streams every chained row up to {@code uptoSeq} in chain order to {@code visitor} (a server-side cursor, so the
     * whole table is never in memory); stops early when the visitor returns false.
     */
    public void scan(long uptoSeq, Predicate<AuditRecord> visitor) {
        jdbc.scan("select " + COLUMNS + " from access_audit where seq <= ? order by seq", ps -> {
            ps.setFetchSize(1000);
            ps.setLong(1, uptoSeq);
        }, rs -> visitor.test(map(rs)));
    }

    private static AuditRecord map(ResultSet rs) throws SQLException {
        long seqValue = rs.getLong("seq");
        Long seq = rs.wasNull() ? null : seqValue;
        return new AuditRecord(rs.getLong("entry_no"), seq, uuid(rs, "id"), instant(rs, "occurred_at"),
                rs.getString("actor_user_id"), uuid(rs, "actor_organisation_id"), rs.getString("actor_roles"), rs.getString("purpose"),
                uuid(rs, "subject_id"), rs.getString("categories"), rs.getString("action"), rs.getString("basis"),
                rs.getString("basis_ref"), rs.getString("outcome"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
