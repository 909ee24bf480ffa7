package org.pathways.consent.repository;

import static org.pathways.platform.repository.Jdbc.time;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.consent.domain.OverrideLegalBasis;
import org.pathways.consent.domain.OverrideState;
import org.pathways.consent.domain.Recipient;
import org.pathways.consent.domain.RecipientType;
import org.pathways.consent.domain.SafeguardingOverride;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.OverrideRefusalReason;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.consent.security.SubjectTexts;
import org.pathways.platform.repository.Jdbc;

/** Safeguarding overrides and their scope rows (recipient x purpose x category), which decisions read. */
@ApplicationScoped
public class OverrideRepository {

    @Inject
    Jdbc jdbc;

    @Inject
    SubjectTexts texts;

    /** Where an override's justification lives, bound into its ciphertext (ADR 0028). */
    public static SubjectTexts.Place justificationPlace(UUID overrideId) {
        return new SubjectTexts.Place("safeguarding_override", overrideId.toString(), "justification");
    }

    public void insert(SafeguardingOverride o) {
        jdbc.update("""
                insert into safeguarding_override (id, subject_id, partnership_id, organisation_id, state, legal_basis,
                    justification_enc, valid_until, requested_by_user, requested_at, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, o.id());
            ps.setObject(2, o.subjectId());
            ps.setObject(3, o.partnershipId());
            ps.setObject(4, o.organisationId());
            ps.setString(5, o.state().name());
            ps.setString(6, o.legalBasis().name());
            ps.setBytes(7, texts.seal(o.subjectId(), justificationPlace(o.id()), o.justification()));
            ps.setObject(8, o.validUntil());
            ps.setObject(9, o.requestedByUser());
            ps.setObject(10, o.requestedAt());
            ps.setInt(11, o.version());
        });
        List<Object[]> rows = new ArrayList<>();
        for (Recipient r : o.recipients())
            for (Purpose p : o.purposes())
                for (DataCategory c : o.categories()) rows.add(new Object[] {r, p, c});
        jdbc.batch("""
                insert into override_scope (override_id, subject_id, partnership_id, recipient_type, recipient_id, purpose,
                    category, valid_until, active) values (?, ?, ?, ?, ?, ?, ?, ?, false)
                on conflict do nothing
                """, rows, (ps, row) -> {
            Recipient r = (Recipient) row[0];
            ps.setObject(1, o.id());
            ps.setObject(2, o.subjectId());
            ps.setObject(3, o.partnershipId());
            ps.setString(4, r.type().name());
            ps.setObject(5, r.id());
            ps.setString(6, ((Purpose) row[1]).name());
            ps.setString(7, ((DataCategory) row[2]).name());
            ps.setObject(8, o.validUntil());
        });
    }

    /** REQUESTED -> APPROVED, and its scope becomes effective, in one transaction. False if it was not REQUESTED. */
    public boolean approve(UUID overrideId, UUID approver, UUID approverOrg, OffsetDateTime at) {
        int n = jdbc.update("""
                update safeguarding_override set state = 'APPROVED', approved_by_user = ?, approved_by_org = ?,
                    approved_at = ?, version = version + 1 where id = ? and state = 'REQUESTED'
                """, ps -> {
            ps.setObject(1, approver);
            ps.setObject(2, approverOrg);
            ps.setObject(3, at);
            ps.setObject(4, overrideId);
        });
        if (n == 0) return false;
        jdbc.update("update override_scope set active = true where override_id = ?", ps -> ps.setObject(1, overrideId));
        return true;
    }

    /** REQUESTED -> REFUSED (ADR 0090); its scope rows were never active and stay so. False if it was not REQUESTED. */
    public boolean refuse(UUID overrideId, UUID refuser, UUID refuserOrg, OffsetDateTime at, OverrideRefusalReason reason) {
        return jdbc.update("""
                update safeguarding_override set state = 'REFUSED', refused_by = ?, refused_by_org = ?, refused_at = ?,
                    refusal_reason = ?, version = version + 1 where id = ? and state = 'REQUESTED'
                """, ps -> {
            ps.setObject(1, refuser);
            ps.setObject(2, refuserOrg);
            ps.setObject(3, at);
            ps.setString(4, reason.name());
            ps.setObject(5, overrideId);
        }) == 1;
    }

    /** Overrides past their validity and not yet EXPIRED, locked (skip locked: concurrent jobs share the work). */
    public List<SafeguardingOverride> dueToExpire(OffsetDateTime now, int limit) {
        return jdbc.query("""
                select * from safeguarding_override where state in ('REQUESTED', 'APPROVED') and valid_until <= ?
                 order by valid_until, id limit ? for update skip locked
                """, ps -> {
            ps.setObject(1, now);
            ps.setInt(2, limit);
        }, this::override);
    }

    /** REQUESTED/APPROVED -> EXPIRED and its scope inactive, in the caller's transaction. False if already expired. */
    public boolean expire(UUID overrideId, OffsetDateTime at) {
        int n = jdbc.update("""
                update safeguarding_override set state = 'EXPIRED', expired_at = ?, version = version + 1
                 where id = ? and state in ('REQUESTED', 'APPROVED')
                """, ps -> {
            ps.setObject(1, at);
            ps.setObject(2, overrideId);
        });
        if (n == 0) return false;
        jdbc.update("update override_scope set active = false where override_id = ?", ps -> ps.setObject(1, overrideId));
        return true;
    }

    public Optional<SafeguardingOverride> find(UUID overrideId) {
        return jdbc.query("select * from safeguarding_override where id = ?", ps -> ps.setObject(1, overrideId),
                this::override).stream().findFirst();
    }

    public Optional<SafeguardingOverride> lock(UUID overrideId) {
        return jdbc.query("select * from safeguarding_override where id = ? for update", ps -> ps.setObject(1, overrideId),
                this::override).stream().findFirst();
    }

    public List<SafeguardingOverride> forSubject(UUID subjectId) {
        return jdbc.query("select * from safeguarding_override where subject_id = ? order by requested_at, id",
                ps -> ps.setObject(1, subjectId), this::override);
    }

    /** Erasure: the justification is free text and goes; the rest is ids, codes and dates. */
    public void eraseFreeText(UUID subjectId) {
        texts.destroy(subjectId); // crypto-shredding (ADR 0028); the consent side destroys the same key, harmlessly twice
        jdbc.update("update safeguarding_override set justification = null, justification_enc = null where subject_id = ?",
                ps -> ps.setObject(1, subjectId));
    }

    /** The sealed justification opened under her key; the legacy plain column until the start-up migration ran. */
    private String justification(ResultSet rs, UUID id) throws SQLException {
        byte[] sealed = rs.getBytes("justification_enc");
        return sealed != null ? texts.open(uuid(rs, "subject_id"), justificationPlace(id), sealed) : rs.getString("justification");
    }

    private SafeguardingOverride override(ResultSet rs) throws SQLException {
        UUID id = uuid(rs, "id");
        Set<Recipient> recipients = new LinkedHashSet<>();
        Set<Purpose> purposes = new LinkedHashSet<>();
        Set<DataCategory> categories = new LinkedHashSet<>();
        jdbc.query("select recipient_type, recipient_id, purpose, category from override_scope where override_id = ?"
                + " order by recipient_type, recipient_id, purpose, category", ps -> ps.setObject(1, id), s -> {
            recipients.add(new Recipient(RecipientType.valueOf(s.getString("recipient_type")), uuid(s, "recipient_id")));
            purposes.add(Purpose.valueOf(s.getString("purpose")));
            categories.add(DataCategory.valueOf(s.getString("category")));
            return null;
        });
        String approvedBy = rs.getString("approved_by_user");
        return new SafeguardingOverride(id, uuid(rs, "subject_id"), uuid(rs, "partnership_id"),
                uuid(rs, "organisation_id"), OverrideState.valueOf(rs.getString("state")),
                OverrideLegalBasis.valueOf(rs.getString("legal_basis")), justification(rs, id),
                time(rs, "valid_until"), uuid(rs, "requested_by_user"), time(rs, "requested_at"),
                approvedBy == null ? null : uuid(rs, "approved_by_user"), uuid(rs, "approved_by_org"),
                time(rs, "approved_at"), rs.getInt("version"), List.copyOf(recipients), List.copyOf(purposes),
                List.copyOf(categories), rs.getString("refused_by") == null ? null : uuid(rs, "refused_by"),
                uuid(rs, "refused_by_org"), time(rs, "refused_at"),
                rs.getString("refusal_reason") == null ? null : OverrideRefusalReason.valueOf(rs.getString("refusal_reason")));
    }
}
