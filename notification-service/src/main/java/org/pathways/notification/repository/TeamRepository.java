package org.pathways.notification.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.notification.domain.TeamMember;
import org.pathways.platform.repository.Jdbc;

/** The team around the person (ADR 0069), kept from {@code pathways.subject.team-changed}. */
@ApplicationScoped
public class TeamRepository {

    /** One member as the event carries it. */
    public record Member(UUID userId, UUID organisationId, String role) {
    }

    @Inject
    Jdbc jdbc;

    public List<TeamMember> members(UUID subjectId) {
        return jdbc.query("select t.subject_id, t.organisation_id as subject_org, m.user_id, m.organisation_id, m.role "
                + "from subject_team t join subject_team_member m on m.subject_id = t.subject_id "
                + "where t.subject_id = ? and not t.erased order by m.user_id", ps -> ps.setObject(1, subjectId),
                rs -> new TeamMember(Jdbc.uuid(rs, "subject_id"), Jdbc.uuid(rs, "subject_org"), Jdbc.uuid(rs, "user_id"),
                        Jdbc.uuid(rs, "organisation_id"), rs.getString("role")));
    }

    /**
     * Replaces her team with {@code members} at {@code version}, unless we hold this version or a newer one, or she is
     * erased: idempotent, and an older event arriving late changes nothing. Returns whether it changed anything.
     */
    public boolean apply(UUID subjectId, UUID organisationId, long version, List<Member> members, OffsetDateTime at) {
        boolean newer = jdbc.update("""
                insert into subject_team (subject_id, organisation_id, version, changed_at) values (?, ?, ?, ?)
                on conflict (subject_id) do update set organisation_id = excluded.organisation_id, version = excluded.version,
                    changed_at = excluded.changed_at
                where not subject_team.erased and subject_team.version < excluded.version""", ps -> {
            ps.setObject(1, subjectId);
            ps.setObject(2, organisationId);
            ps.setLong(3, version);
            ps.setObject(4, at);
        }) == 1;
        if (!newer) return false;
        jdbc.update("delete from subject_team_member where subject_id = ?", ps -> ps.setObject(1, subjectId));
        jdbc.batch("insert into subject_team_member (subject_id, user_id, organisation_id, role) values (?, ?, ?, ?) "
                + "on conflict do nothing", members, (ps, m) -> {
                    ps.setObject(1, subjectId);
                    ps.setObject(2, m.userId());
                    ps.setObject(3, m.organisationId());
                    ps.setString(4, m.role());
                });
        return true;
    }

    /** She was erased: forget her team for good (a tombstone no later event overrides). */
    public void erase(UUID subjectId, UUID organisationId, OffsetDateTime at) {
        jdbc.update("""
                insert into subject_team (subject_id, organisation_id, version, changed_at, erased) values (?, ?, ?, ?, true)
                on conflict (subject_id) do update set erased = true, version = excluded.version""", ps -> {
            ps.setObject(1, subjectId);
            ps.setObject(2, organisationId);
            ps.setLong(3, Long.MAX_VALUE);
            ps.setObject(4, at);
        });
        jdbc.update("delete from subject_team_member where subject_id = ?", ps -> ps.setObject(1, subjectId));
    }
}
