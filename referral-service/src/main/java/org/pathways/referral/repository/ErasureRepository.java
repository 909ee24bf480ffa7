package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.domain.ErasureReason;
import org.pathways.referral.domain.ErasureRequest;
import org.pathways.referral.security.RestrictedCases;

/** Erasure requests, and the erasure itself: destroying her key and every row that held her personal data. */
@ApplicationScoped
public class ErasureRepository {

    private static final String COLUMNS = "id, subject_id, organisation_id, reason_code, state, requested_by, requested_at, decided_by, decided_at";

    @Inject
    Jdbc jdbc;

    public void insert(ErasureRequest r) {
        jdbc.update("insert into erasure_request (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setObject(1, r.id());
            ps.setObject(2, r.subjectId());
            ps.setObject(3, r.organisationId());
            ps.setString(4, r.reason().name());
            ps.setString(5, r.state());
            ps.setString(6, r.requestedBy());
            setInstant(ps, 7, r.requestedAt());
            ps.setString(8, r.decidedBy());
            if (r.decidedAt() == null) {
                ps.setObject(9, null);
            } else {
                setInstant(ps, 9, r.decidedAt());
            }
        });
    }

    public Optional<ErasureRequest> pending(UUID subjectId) {
        return jdbc.one("select " + COLUMNS + " from erasure_request where subject_id = ? and state = 'PENDING'",
                ps -> ps.setObject(1, subjectId), ErasureRepository::map);
    }

    /** A request of the given organisation; {@code forUpdate} locks it (one decision per request). */
    public Optional<ErasureRequest> find(UUID id, UUID organisationId, boolean forUpdate) {
        return jdbc.one("select " + COLUMNS + " from erasure_request where id = ? and organisation_id = ?"
                + (forUpdate ? " for update" : ""), ps -> {
                    ps.setObject(1, id);
                    ps.setObject(2, organisationId);
                }, ErasureRepository::map);
    }

    /** {@code hide}: the caller's restricted-case scope (ADR 0032); empty when the caller sees every case. */
    public List<ErasureRequest> list(UUID organisationId, String state, int limit, Optional<RestrictedCases.Hide> hide) {
        return jdbc.query("select " + COLUMNS + " from erasure_request r where organisation_id = ?"
                + (state == null ? "" : " and state = ?")
                + (hide.isPresent() ? " and " + RestrictedCases.notHiddenSql() : "")
                + " order by requested_at desc limit ?", ps -> {
                    int i = 1;
                    ps.setObject(i++, organisationId);
                    if (state != null) {
                        ps.setString(i++, state);
                    }
                    if (hide.isPresent()) {
                        ps.setObject(i++, hide.get().organisationId());
                        ps.setString(i++, hide.get().userId());
                    }
                    ps.setInt(i, limit);
                }, ErasureRepository::map);
    }

    public void decide(UUID id, String state, String decidedBy, Instant at) {
        int decided = jdbc.update("update erasure_request set state = ?, decided_by = ?, decided_at = ? where id = ? and state = 'PENDING'",
                ps -> {
                    ps.setString(1, state);
                    ps.setString(2, decidedBy);
                    setInstant(ps, 3, at);
                    ps.setObject(4, id);
                });
        if (decided != 1) {
            throw new IllegalStateException("erasure request decided twice under a row lock");
        }
    }

    /**
     * Crypto-shredding: her data key goes, so every ciphertext of hers (sections, referral notes, safe-contact
     * instructions) is unrecoverable wherever a copy survives (backups included); the ciphertext rows and her identity
     * hash are deleted too. The subject row stays as a skeleton (ids, dates) marked erased, for the stored counts.
     */
    public void shred(UUID subjectId, Instant at) {
        for (String sql : List.of(
                "delete from subject_key where subject_id = ?",
                "delete from summary_section where subject_id = ?",
                "delete from identity_hash where subject_id = ?",
                // Wellbeing measures and equality monitoring (ADR 0074): ciphertext under her key, gone with it.
                "delete from wellbeing_measure where subject_id = ?",
                "delete from equality_monitoring where subject_id = ?")) {
            jdbc.update(sql, ps -> ps.setObject(1, subjectId));
        }
        jdbc.update("update subject set erased_at = ?, version = version + 1, updated_at = ? where id = ?", ps -> {
            setInstant(ps, 1, at);
            setInstant(ps, 2, at);
            ps.setObject(3, subjectId);
        });
    }

    /** Referral notes, safe-contact instructions and signpost texts (ciphertext under her key): removed. */
    public void shredReferralTexts(UUID subjectId) {
        for (String sql : List.of(
                "update referral set note_ciphertext = null, safe_contact_ciphertext = null where subject_id = ?",
                "update signpost set external_organisation = null, external_organisation_ciphertext = null where subject_id = ?",
                // A MARAC referral's safe contact times (ADR 0091): ciphertext under her key, cleared with the other texts.
                "update statutory_referral set safe_contact_times = null where referral_id in (select id from referral where subject_id = ?)",
                // Meeting action texts about her (ADR 0069): unreadable without her key already; the rows go too.
                "delete from meeting_action where subject_id = ?",
                // Her self-referral reference (ADR 0089): the referral keeps its SELF origin, a code.
                "delete from self_referral where subject_id = ?")) {
            jdbc.update(sql, ps -> ps.setObject(1, subjectId));
        }
    }

    public boolean isErased(UUID subjectId) {
        return jdbc.one("select erased_at from subject where id = ?", ps -> ps.setObject(1, subjectId), rs -> rs.getObject(1) != null)
                .orElse(false);
    }

    private static ErasureRequest map(ResultSet rs) throws SQLException {
        return new ErasureRequest(uuid(rs, "id"), uuid(rs, "subject_id"), uuid(rs, "organisation_id"),
                ErasureReason.valueOf(rs.getString("reason_code")), rs.getString("state"), rs.getString("requested_by"),
                instant(rs, "requested_at"), rs.getString("decided_by"), instant(rs, "decided_at"));
    }
}
