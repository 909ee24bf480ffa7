package org.pathways.consent.repository;

import static org.pathways.platform.repository.Jdbc.time;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;

/**
 * The append-only access audit of reads of her consent data (V4, V5; ADRs 0025, 0026): ids and codes only. Rows are
 * written only through {@code service.AccessAudit}, in the read's own transaction, so a read whose audit row cannot be
 * written fails instead of going unrecorded.
 */
@ApplicationScoped
public class AuditRepository {

    /** Codes only; never rename one (rows keep them). */
    public enum Action {
        OVERRIDE_READ, OVERRIDES_LISTED, CONSENT_READ, CONSENTS_LISTED, RECEIPT_READ, ACCESS_LOG_READ,
        /** Changes (issue 14): who recorded a version of her consent (a first record or a new version)... */
        CONSENT_RECORDED,
        /** ... and who withdrew it, wholly or in part. */
        CONSENT_WITHDRAWN
    }

    public record Entry(long entryNo, OffsetDateTime at, String actorUserId, UUID actorOrganisationId, String actorRoles,
                        String action, UUID subjectId, UUID consentId, UUID overrideId, UUID partnershipId, String basis) {
    }

    @Inject
    Jdbc jdbc;

    public void insert(Entry e) {
        jdbc.update("""
                insert into access_audit (at, actor_user_id, actor_organisation_id, actor_roles, action, subject_id,
                                          consent_id, override_id, partnership_id, basis)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, e.at());
            ps.setString(2, e.actorUserId());
            ps.setObject(3, e.actorOrganisationId());
            ps.setString(4, e.actorRoles());
            ps.setString(5, e.action());
            ps.setObject(6, e.subjectId());
            ps.setObject(7, e.consentId());
            ps.setObject(8, e.overrideId());
            ps.setObject(9, e.partnershipId());
            ps.setString(10, e.basis());
        });
    }

    /** Her entries, newest first, with an entry number below {@code beforeEntry}. */
    public List<Entry> forSubject(UUID subjectId, long beforeEntry, int limit) {
        return jdbc.query("""
                select entry_no, at, actor_user_id, actor_organisation_id, actor_roles, action, subject_id, consent_id,
                       override_id, partnership_id, basis
                from access_audit where subject_id = ? and entry_no < ? order by entry_no desc limit ?
                """, ps -> {
            ps.setObject(1, subjectId);
            ps.setLong(2, beforeEntry);
            ps.setInt(3, limit);
        }, rs -> new Entry(rs.getLong("entry_no"), time(rs, "at"), rs.getString("actor_user_id"),
                uuid(rs, "actor_organisation_id"), rs.getString("actor_roles"), rs.getString("action"),
                uuid(rs, "subject_id"), uuid(rs, "consent_id"), uuid(rs, "override_id"), uuid(rs, "partnership_id"),
                rs.getString("basis")));
    }
}
