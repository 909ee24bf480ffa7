package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;

/**
 * "My caseload" (issue 16 item 2, ADR 0056): the people whose lead worker a worker is in her organisation, and those of
 * live referrals her organisation received that are assigned to her, with their open and overdue referrals (of her
 * organisation's, sent or received) and the last activity on them. Ids, counts and times only.
 */
@ApplicationScoped
public class CaseloadRepository {

    /** Why she is on the worker's caseload. */
    public enum Role {
        LEAD_WORKER,
        /** A joint lead worker on her team (ADR 0069). */
        JOINT_LEAD_WORKER,
        ASSIGNED,
        /** Any other member of the team around her, of her organisation or a partner's (ADR 0069). */
        TEAM_MEMBER
    }

    public record Person(UUID subjectId, Role role, boolean restricted, long openReferrals, long overdueReferrals,
            Instant lastActivityAt) {
    }

    public record Limit(Integer minimum, int maximum, String updatedBy, Instant updatedAt) {
    }

    private static final String LIVE = "('SENT', 'ACCEPTED', 'ON_HOLD', 'IN_PROGRESS')";

    // One row per person: the first of LEAD_WORKER, JOINT_LEAD_WORKER, ASSIGNED, TEAM_MEMBER that holds. Referrals counted are her organisation's (sent
    // or received); overdue as in the work queues (QueueRepository): the response target passed while SENT, or a
    // reminder fired that the referral has not moved on from.
    private static final String SQL = "with mine as ("
            + "  select s.id as subject_id, 'LEAD_WORKER' as role from subject s "
            + "   where s.organisation_id = ? and s.lead_worker_id = ? and s.erased_at is null "
            + "  union "
            + "  select r.subject_id, 'ASSIGNED' from referral r join referral_assignment a on a.referral_id = r.id "
            + "   join subject s on s.id = r.subject_id "
            + "   where r.to_organisation_id = ? and a.user_id = ? and r.state in " + LIVE + " and s.erased_at is null"
            + "  union "
            + "  select m.subject_id, case when m.role = 'JOINT_LEAD_WORKER' then 'JOINT_LEAD_WORKER' else 'TEAM_MEMBER' end "
            + "   from subject_team_member m join subject s on s.id = m.subject_id "
            + "   where m.organisation_id = ? and m.user_id = ? and m.removed_at is null and s.erased_at is null"
            + "), people as (select subject_id, (array_agg(role order by array_position("
            + "     array['LEAD_WORKER', 'JOINT_LEAD_WORKER', 'ASSIGNED', 'TEAM_MEMBER'], role)))[1] as role from mine group by subject_id) "
            + "select p.subject_id, p.role, (s.restricted and s.organisation_id = ?) as restricted, "
            + "  (select count(*) from referral r where r.subject_id = p.subject_id and r.state in " + LIVE
            + "     and (r.from_organisation_id = ? or r.to_organisation_id = ?)) as open_referrals, "
            + "  (select count(*) from referral r where r.subject_id = p.subject_id and r.state in " + LIVE
            + "     and (r.from_organisation_id = ? or r.to_organisation_id = ?) and exists (select 1 from referral_timer t "
            + "     where t.referral_id = r.id and t.referral_version = r.version and t.cancelled_at is null "
            + "     and ((t.kind = 'ESCALATE' and t.due_at <= now()) "
            + "       or (t.kind in ('REMIND', 'ON_HOLD_REVIEW', 'NO_FIRST_CONTACT') and t.fired_at is not null)))) as overdue_referrals, "
            + "  greatest(s.updated_at, "
            + "    (select max(r.updated_at) from referral r where r.subject_id = p.subject_id "
            + "       and (r.from_organisation_id = ? or r.to_organisation_id = ?)), "
            + "    (select max(x.created_at) from summary_section x where x.subject_id = p.subject_id "
            + "       and x.author_organisation_id = ?)) as last_activity_at "
            + "from people p join subject s on s.id = p.subject_id "
            + "order by last_activity_at desc, p.subject_id";

    @Inject
    Jdbc jdbc;

    public List<Person> of(UUID organisationId, String userId) {
        return jdbc.query(SQL, Jdbc.params(organisationId, userId, organisationId, userId, organisationId, userId, organisationId,
                organisationId, organisationId, organisationId, organisationId, organisationId, organisationId, organisationId),
                rs -> new Person(uuid(rs, "subject_id"), Role.valueOf(rs.getString("role")), rs.getBoolean("restricted"),
                        rs.getLong("open_referrals"), rs.getLong("overdue_referrals"), instant(rs, "last_activity_at")));
    }

    public Optional<Limit> limit(UUID organisationId) {
        return jdbc.one("select minimum, maximum, updated_by, updated_at from caseload_limit where organisation_id = ?",
                ps -> ps.setObject(1, organisationId), rs -> {
                    int min = rs.getInt("minimum");
                    Integer minimum = rs.wasNull() ? null : min;
                    return new Limit(minimum, rs.getInt("maximum"), rs.getString("updated_by"), instant(rs, "updated_at"));
                });
    }

    public void setLimit(UUID organisationId, Integer minimum, int maximum, String userId, Instant at) {
        jdbc.update("insert into caseload_limit (organisation_id, minimum, maximum, updated_by, updated_at) values (?, ?, ?, ?, ?) "
                + "on conflict (organisation_id) do update set minimum = excluded.minimum, maximum = excluded.maximum, "
                + "updated_by = excluded.updated_by, updated_at = excluded.updated_at", ps -> {
                    ps.setObject(1, organisationId);
                    ps.setObject(2, minimum);
                    ps.setInt(3, maximum);
                    ps.setString(4, userId);
                    setInstant(ps, 5, at);
                });
    }
}
