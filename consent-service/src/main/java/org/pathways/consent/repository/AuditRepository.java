package org.pathways.consent.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The append-only access audit of reads of safeguarding overrides (V4, ADR 0025): ids and codes only. Written in the
 * read's own transaction, so a read whose audit row cannot be written fails instead of going unrecorded.
 */
@ApplicationScoped
public class AuditRepository {

    public enum Action { OVERRIDE_READ, OVERRIDES_LISTED }

    @Inject
    Jdbc jdbc;

    public void record(OffsetDateTime at, String actorUserId, UUID actorOrganisationId, String actorRoles, Action action,
                       UUID subjectId, UUID overrideId, UUID partnershipId, String basis) {
        jdbc.update("""
                insert into access_audit (at, actor_user_id, actor_organisation_id, actor_roles, action, subject_id,
                                          override_id, partnership_id, basis)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, at);
            ps.setString(2, actorUserId);
            ps.setObject(3, actorOrganisationId);
            ps.setString(4, actorRoles);
            ps.setString(5, action.name());
            ps.setObject(6, subjectId);
            ps.setObject(7, overrideId);
            ps.setObject(8, partnershipId);
            ps.setString(9, basis);
        });
    }
}
