package org.pathways.referral.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.TeamRole;
import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.TeamMember;

/** The team around the person (V77, ADR 0069), in the caller's transaction. */
@ApplicationScoped
public class TeamRepository {

    @Inject
    Jdbc jdbc;

    /** Her team's members now, oldest first. */
    public List<TeamMember> live(UUID subjectId) {
        return jdbc.query("select * from subject_team_member where subject_id = ? and removed_at is null order by added_at, id",
                ps -> ps.setObject(1, subjectId), TeamRepository::map);
    }

    public Optional<TeamMember> find(UUID subjectId, UUID memberId) {
        return jdbc.query("select * from subject_team_member where subject_id = ? and id = ?", ps -> {
            ps.setObject(1, subjectId);
            ps.setObject(2, memberId);
        }, TeamRepository::map).stream().findFirst();
    }

    /** Her team's version now (0: never had one). */
    public long version(UUID subjectId) {
        return jdbc.query("select version from subject_team where subject_id = ?", ps -> ps.setObject(1, subjectId), rs -> rs.getLong(1))
                .stream().findFirst().orElse(0L);
    }

    /** Her team's version, one more for this change (the caller holds her subject row's lock). */
    public long nextVersion(UUID subjectId, Instant at) {
        return jdbc.query("insert into subject_team (subject_id, version, updated_at) values (?, 1, ?) "
                + "on conflict (subject_id) do update set version = subject_team.version + 1, updated_at = excluded.updated_at "
                + "returning version", ps -> {
                    ps.setObject(1, subjectId);
                    Jdbc.setInstant(ps, 2, at);
                }, rs -> rs.getLong(1)).get(0);
    }

    public void insert(TeamMember m) {
        jdbc.update("insert into subject_team_member (id, subject_id, user_id, organisation_id, role, partnership_id, basis, basis_ref, "
                + "added_at, added_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, m.id());
                    ps.setObject(2, m.subjectId());
                    ps.setString(3, m.userId());
                    ps.setObject(4, m.organisationId());
                    ps.setString(5, m.role().code());
                    ps.setObject(6, m.partnershipId());
                    ps.setString(7, m.basis().name());
                    ps.setString(8, m.basisRef());
                    Jdbc.setInstant(ps, 9, m.addedAt());
                    ps.setString(10, m.addedBy());
                });
    }

    /** Marks a live member removed; false if she had left already. */
    public boolean remove(UUID memberId, String by, Instant at) {
        return jdbc.update("update subject_team_member set removed_at = ?, removed_by = ? where id = ? and removed_at is null", ps -> {
            Jdbc.setInstant(ps, 1, at);
            ps.setString(2, by);
            ps.setObject(3, memberId);
        }) == 1;
    }

    private static TeamMember map(ResultSet rs) throws SQLException {
        return new TeamMember(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "subject_id"), rs.getString("user_id"), Jdbc.uuid(rs, "organisation_id"),
                TeamRole.valueOf(rs.getString("role")), Jdbc.uuid(rs, "partnership_id"), AuditBasis.valueOf(rs.getString("basis")),
                rs.getString("basis_ref"), Jdbc.instant(rs, "added_at"), rs.getString("added_by"), Jdbc.instant(rs, "removed_at"),
                rs.getString("removed_by"));
    }
}
