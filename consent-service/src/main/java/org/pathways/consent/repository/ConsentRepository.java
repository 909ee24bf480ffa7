package org.pathways.consent.repository;

import static org.pathways.platform.repository.Jdbc.time;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.consent.domain.Art6Basis;
import org.pathways.consent.domain.Art9Condition;
import org.pathways.consent.domain.Consent;
import org.pathways.consent.domain.ConsentState;
import org.pathways.consent.domain.ConsentVersion;
import org.pathways.consent.domain.ObtainedMethod;
import org.pathways.consent.domain.Provision;
import org.pathways.consent.domain.Recipient;
import org.pathways.consent.domain.RecipientType;
import org.pathways.consent.domain.Withdrawal;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.consent.security.SubjectTexts;
import org.pathways.platform.repository.Jdbc;

/** Consent records, their versions (all kept), provisions and withdrawals. */
@ApplicationScoped
public class ConsentRepository {

    private static final String VERSION_COLUMNS = """
            consent_id, version, state, change_kind, obtained_method, language, interpreter_used, art6_basis,
            art9_condition, explanation_note, valid_from, valid_until, recorded_by_user, recorded_by_org, recorded_at,
            state_changed_at, explanation_note_enc""";

    @Inject
    Jdbc jdbc;

    @Inject
    SubjectTexts texts;

    /** Where a version's explanation note lives, bound into its ciphertext (ADR 0028). */
    public static SubjectTexts.Place notePlace(UUID consentId, int version) {
        return new SubjectTexts.Place("consent_version", consentId + ":" + version, "explanation_note");
    }

    public void insertConsent(Consent c) {
        jdbc.update("insert into consent (id, subject_id, partnership_id, current_version, created_at) values (?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, c.id());
                    ps.setObject(2, c.subjectId());
                    ps.setObject(3, c.partnershipId());
                    ps.setInt(4, c.currentVersion());
                    ps.setObject(5, c.createdAt());
                });
    }

    public Optional<Consent> find(UUID consentId) {
        return jdbc.query("select * from consent where id = ?", ps -> ps.setObject(1, consentId), ConsentRepository::consent)
                .stream().findFirst();
    }

    /** Locks the record for a change, so two concurrent changes cannot both build on the same version. */
    public Optional<Consent> lock(UUID consentId) {
        return jdbc.query("select * from consent where id = ? for update", ps -> ps.setObject(1, consentId),
                ConsentRepository::consent).stream().findFirst();
    }

    public Optional<Consent> findBySubjectAndPartnership(UUID subjectId, UUID partnershipId) {
        return jdbc.query("select * from consent where subject_id = ? and partnership_id = ?", ps -> {
            ps.setObject(1, subjectId);
            ps.setObject(2, partnershipId);
        }, ConsentRepository::consent).stream().findFirst();
    }

    public List<Consent> forSubject(UUID subjectId) {
        return jdbc.query("select * from consent where subject_id = ? order by created_at", ps -> ps.setObject(1, subjectId),
                ConsentRepository::consent);
    }

    public void setCurrentVersion(UUID consentId, int version) {
        jdbc.update("update consent set current_version = ? where id = ?", ps -> {
            ps.setInt(1, version);
            ps.setObject(2, consentId);
        });
    }

    public void insertVersion(ConsentVersion v, UUID subjectId, UUID partnershipId) {
        jdbc.update("insert into consent_version (" + VERSION_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, v.consentId());
                    ps.setInt(2, v.version());
                    ps.setString(3, v.state().name());
                    ps.setString(4, v.changeKind());
                    ps.setString(5, v.obtainedMethod().name());
                    ps.setString(6, v.language());
                    ps.setBoolean(7, v.interpreterUsed());
                    ps.setString(8, v.art6Basis().name());
                    ps.setString(9, v.art9Condition().name());
                    ps.setString(10, null); // plain column: legacy only (ADR 0028)
                    ps.setObject(11, v.validFrom());
                    ps.setObject(12, v.validUntil());
                    ps.setObject(13, v.recordedByUser());
                    ps.setObject(14, v.recordedByOrg());
                    ps.setObject(15, v.recordedAt());
                    ps.setObject(16, v.stateChangedAt());
                    ps.setBytes(17, texts.seal(subjectId, notePlace(v.consentId(), v.version()), v.explanationNote()));
                });
        boolean active = v.state() == ConsentState.ACTIVE;
        jdbc.batch("""
                insert into consent_provision (consent_id, version, subject_id, partnership_id, recipient_type, recipient_id,
                    purpose, category, valid_from, valid_until, active) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing
                """, v.provisions(), (ps, p) -> {
            ps.setObject(1, v.consentId());
            ps.setInt(2, v.version());
            ps.setObject(3, subjectId);
            ps.setObject(4, partnershipId);
            ps.setString(5, p.recipient().type().name());
            ps.setObject(6, p.recipient().id());
            ps.setString(7, p.purpose().name());
            ps.setString(8, p.category().name());
            ps.setObject(9, p.validFrom());
            ps.setObject(10, p.validUntil());
            ps.setBoolean(11, active);
        });
    }

    /**
     * Moves an ACTIVE version to a final state and switches its provisions off in the same transaction, so the very
     * next decision no longer sees them. Returns false if the version was no longer ACTIVE.
     */
    public boolean endVersion(UUID consentId, int version, ConsentState state, OffsetDateTime at) {
        int n = jdbc.update("update consent_version set state = ?, state_changed_at = ? where consent_id = ? and version = ? and state = 'ACTIVE'",
                ps -> {
                    ps.setString(1, state.name());
                    ps.setObject(2, at);
                    ps.setObject(3, consentId);
                    ps.setInt(4, version);
                });
        if (n == 0) return false;
        jdbc.update("update consent_provision set active = false where consent_id = ? and version = ?", ps -> {
            ps.setObject(1, consentId);
            ps.setInt(2, version);
        });
        return true;
    }

    public Optional<ConsentVersion> version(UUID consentId, int version) {
        return versions(consentId).stream().filter(v -> v.version() == version).findFirst();
    }

    /** Every version, oldest first, each with its provisions. */
    public List<ConsentVersion> versions(UUID consentId) {
        Map<Integer, List<Provision>> provisions = new LinkedHashMap<>();
        jdbc.query("""
                select version, recipient_type, recipient_id, purpose, category, valid_from, valid_until
                from consent_provision where consent_id = ? order by version, recipient_type, recipient_id, purpose, category
                """, ps -> ps.setObject(1, consentId), rs -> {
            provisions.computeIfAbsent(rs.getInt("version"), k -> new ArrayList<>()).add(new Provision(
                    new Recipient(RecipientType.valueOf(rs.getString("recipient_type")), uuid(rs, "recipient_id")),
                    Purpose.valueOf(rs.getString("purpose")), DataCategory.valueOf(rs.getString("category")),
                    time(rs, "valid_from"), time(rs, "valid_until")));
            return null;
        });
        UUID subjectId = find(consentId).map(Consent::subjectId).orElse(null);
        return jdbc.query("select " + VERSION_COLUMNS + " from consent_version where consent_id = ? order by version",
                ps -> ps.setObject(1, consentId), rs -> {
                    ConsentVersion v = version(rs).withProvisions(provisions.getOrDefault(rs.getInt("version"), List.of()));
                    byte[] sealed = rs.getBytes("explanation_note_enc");
                    return sealed == null || subjectId == null ? v
                            : v.withExplanationNote(texts.open(subjectId, notePlace(consentId, v.version()), sealed));
                });
    }

    public void insertWithdrawal(Withdrawal w) {
        jdbc.update("""
                insert into consent_withdrawal (id, consent_id, from_version, resulting_version, scope, recipient_type,
                    recipient_id, category, method, withdrawn_by_user, withdrawn_by_org, withdrawn_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, w.id());
            ps.setObject(2, w.consentId());
            ps.setInt(3, w.fromVersion());
            ps.setObject(4, w.resultingVersion());
            ps.setString(5, w.scope());
            ps.setString(6, w.recipient() == null ? null : w.recipient().type().name());
            ps.setObject(7, w.recipient() == null ? null : w.recipient().id());
            ps.setString(8, w.category() == null ? null : w.category().name());
            ps.setString(9, w.method().name());
            ps.setObject(10, w.withdrawnByUser());
            ps.setObject(11, w.withdrawnByOrg());
            ps.setObject(12, w.withdrawnAt());
        });
    }

    public List<Withdrawal> withdrawals(UUID consentId) {
        return jdbc.query("select * from consent_withdrawal where consent_id = ? order by withdrawn_at, id",
                ps -> ps.setObject(1, consentId), rs -> {
                    String rt = rs.getString("recipient_type");
                    String cat = rs.getString("category");
                    return new Withdrawal(uuid(rs, "id"), uuid(rs, "consent_id"), rs.getInt("from_version"),
                            (Integer) rs.getObject("resulting_version"), rs.getString("scope"),
                            rt == null ? null : new Recipient(RecipientType.valueOf(rt), uuid(rs, "recipient_id")),
                            cat == null ? null : DataCategory.valueOf(cat), ObtainedMethod.valueOf(rs.getString("method")),
                            uuid(rs, "withdrawn_by_user"), uuid(rs, "withdrawn_by_org"), time(rs, "withdrawn_at"));
                });
    }

    /** ACTIVE versions whose period ends before {@code horizon} and whose worker has not yet been told. */
    public List<ConsentVersion> expiringUnnotified(OffsetDateTime horizon, int limit) {
        return jdbc.query("select " + VERSION_COLUMNS + " from consent_version where state = 'ACTIVE' and valid_until <= ?"
                        + " and expiring_notified_at is null order by valid_until limit ? for update skip locked",
                ps -> {
                    ps.setObject(1, horizon);
                    ps.setInt(2, limit);
                }, ConsentRepository::version);
    }

    public void markExpiringNotified(UUID consentId, int version, OffsetDateTime at) {
        jdbc.update("update consent_version set expiring_notified_at = ? where consent_id = ? and version = ?", ps -> {
            ps.setObject(1, at);
            ps.setObject(2, consentId);
            ps.setInt(3, version);
        });
    }

    public List<ConsentVersion> expired(OffsetDateTime now, int limit) {
        return jdbc.query("select " + VERSION_COLUMNS + " from consent_version where state = 'ACTIVE' and valid_until <= ?"
                        + " order by valid_until limit ? for update skip locked",
                ps -> {
                    ps.setObject(1, now);
                    ps.setInt(2, limit);
                }, ConsentRepository::version);
    }

    /** Erasure: free text goes; ids, codes and dates stay. */
    public int eraseFreeText(UUID subjectId) {
        texts.destroy(subjectId); // crypto-shredding: what is left of the ciphertexts cannot be opened (ADR 0028)
        return jdbc.update("update consent_version set explanation_note = null, explanation_note_enc = null"
                + " where (explanation_note is not null or explanation_note_enc is not null)"
                + " and consent_id in (select id from consent where subject_id = ?)", ps -> ps.setObject(1, subjectId));
    }

    private static Consent consent(ResultSet rs) throws SQLException {
        return new Consent(uuid(rs, "id"), uuid(rs, "subject_id"), uuid(rs, "partnership_id"),
                rs.getInt("current_version"), time(rs, "created_at"));
    }

    private static ConsentVersion version(ResultSet rs) throws SQLException {
        return new ConsentVersion(uuid(rs, "consent_id"), rs.getInt("version"), ConsentState.valueOf(rs.getString("state")),
                rs.getString("change_kind"), ObtainedMethod.valueOf(rs.getString("obtained_method")),
                rs.getString("language"), rs.getBoolean("interpreter_used"), Art6Basis.valueOf(rs.getString("art6_basis")),
                Art9Condition.valueOf(rs.getString("art9_condition")), rs.getString("explanation_note"),
                time(rs, "valid_from"), time(rs, "valid_until"), uuid(rs, "recorded_by_user"),
                uuid(rs, "recorded_by_org"), time(rs, "recorded_at"), time(rs, "state_changed_at"), List.of());
    }
}
