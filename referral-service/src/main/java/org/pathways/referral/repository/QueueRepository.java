package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.domain.QueueEntry;
import org.pathways.referral.security.RestrictedCases;

/**
 * Referral metadata for work queues, the Connector's view and pathways, with what each referral has due (its current
 * version's timers) and who it is assigned to. Every query is scoped by the caller's organisation or partnerships.
 */
@ApplicationScoped
public class QueueRepository {

    /** Which referrals a listing covers. */
    public enum Scope { INCOMING, OUTGOING, PARTNERSHIPS }

    /**
     * Filters; null = any. {@code assignedTo}: a user id, or {@link #UNASSIGNED}. {@code replaced}: whether a later
     * referral, signpost or "no service found" replaces it (a re-route of a declined or expired referral).
     */
    public record Filter(Set<ReferralState> states, UUID serviceId, UUID organisationId, Boolean overdue, String assignedTo,
            Boolean replaced) {

        public Filter(Set<ReferralState> states, UUID serviceId, UUID organisationId, Boolean overdue, String assignedTo) {
            this(states, serviceId, organisationId, overdue, assignedTo, null);
        }
    }

    /** A referral something later replaces: a re-route, or a signpost or "no service found" recorded in its place. */
    private static final String REPLACED = "(exists (select 1 from referral n where n.replaces_referral_id = r.id) "
            + "or exists (select 1 from signpost sp where sp.replaces_referral_id = r.id) "
            + "or exists (select 1 from no_service_found nf where nf.replaces_referral_id = r.id))";

    public record Page(List<QueueEntry> items, long total) {
    }

    public static final String UNASSIGNED = "\u0000none";

    // Due: the response target while SENT, the review date while ON_HOLD, the first-contact limit while ACCEPTED.
    // Overdue: the response target passed while SENT, or a reminder fired that the referral has not moved on from.
    private static final String SELECT = "select r.id, r.pathway_id, r.partnership_id, r.subject_id, r.from_organisation_id, "
            + "r.to_organisation_id, r.to_service_id, r.needs, r.urgency, r.state, r.version, r.parent_referral_id, "
            + "r.replaces_referral_id, r.created_at, r.sent_at, r.updated_at, a.user_id as assigned_to, d.due_at, "
            + "r.origin, sr.reference as self_reference, st.kind as statutory_kind, "
            + "coalesce(o.overdue, false) as overdue, count(*) over () as total, "
            + "exists (select 1 from subject s where s.id = r.subject_id and s.restricted) as restricted "
            + "from referral r left join referral_assignment a on a.referral_id = r.id "
            + "left join self_referral sr on sr.referral_id = r.id " // her reference (ADR 0089)
            + "left join statutory_referral st on st.referral_id = r.id " // MARAC, POLICE or SARC (ADR 0091)
            + "left join lateral (select min(t.due_at) as due_at from referral_timer t where t.referral_id = r.id "
            + "  and t.referral_version = r.version and t.cancelled_at is null "
            + "  and t.kind in ('ESCALATE', 'ON_HOLD_REVIEW', 'NO_FIRST_CONTACT')) d on true "
            + "left join lateral (select true as overdue from referral_timer t where t.referral_id = r.id "
            + "  and t.referral_version = r.version and t.cancelled_at is null "
            + "  and ((t.kind = 'ESCALATE' and t.due_at <= now()) "
            + "    or (t.kind in ('REMIND', 'ON_HOLD_REVIEW', 'NO_FIRST_CONTACT') and t.fired_at is not null)) limit 1) o on true ";

    @Inject
    Jdbc jdbc;

    /**
     * One page of referrals, by due time (soonest first, nothing due last), then by when they were sent.
     *
     * @param scopeIds the caller's organisation (INCOMING, OUTGOING) or partnerships (PARTNERSHIPS)
     * @param hide restricted cases the caller may not see (ADR 0032), or empty
     */
    public Page list(Scope scope, Collection<UUID> scopeIds, Filter f, int page, int size, Optional<RestrictedCases.Hide> hide) {
        if (scopeIds.isEmpty()) return new Page(List.of(), 0);
        StringBuilder sql = new StringBuilder(SELECT).append("where ");
        List<Object> params = new ArrayList<>();
        String column = switch (scope) {
            case INCOMING -> "r.to_organisation_id";
            case OUTGOING -> "r.from_organisation_id";
            case PARTNERSHIPS -> "r.partnership_id";
        };
        sql.append(column).append(" in (").append(scopeIds.stream().map(x -> "?").collect(Collectors.joining(","))).append(")");
        params.addAll(scopeIds);
        if (f.states() != null && !f.states().isEmpty()) {
            sql.append(" and r.state in (").append(f.states().stream().map(x -> "?").collect(Collectors.joining(","))).append(")");
            f.states().stream().map(ReferralState::name).forEach(params::add);
        }
        if (f.serviceId() != null) {
            sql.append(" and r.to_service_id = ?");
            params.add(f.serviceId());
        }
        if (f.organisationId() != null) {
            sql.append(" and (r.from_organisation_id = ? or r.to_organisation_id = ?)");
            params.add(f.organisationId());
            params.add(f.organisationId());
        }
        if (f.overdue() != null) sql.append(f.overdue() ? " and o.overdue is true" : " and o.overdue is null");
        if (f.replaced() != null) sql.append(f.replaced() ? " and " : " and not ").append(REPLACED);
        if (f.overdue() != null && scope == Scope.PARTNERSHIPS) {
            // The Connector sees no timing of a restricted case, so an overdue filter must not reveal it either.
            sql.append(" and not exists (select 1 from subject s where s.id = r.subject_id and s.restricted)");
        }
        if (hide.isPresent()) {
            sql.append(" and ").append(RestrictedCases.notHiddenSql());
            params.add(hide.get().organisationId());
            params.add(hide.get().userId());
        }
        if (f.assignedTo() != null) {
            if (UNASSIGNED.equals(f.assignedTo())) {
                sql.append(" and a.user_id is null");
            } else {
                sql.append(" and a.user_id = ?");
                params.add(f.assignedTo());
            }
        }
        sql.append(" order by d.due_at asc nulls last, r.sent_at asc nulls last, r.id limit ? offset ?");
        params.add(size);
        params.add((long) page * size);
        record Row(QueueEntry entry, long total) {
        }
        List<Row> rows = jdbc.query(sql.toString(), Jdbc.params(params.toArray()), rs -> {
            QueueEntry e = map(rs);
            // The Connector's view of a restricted case: ids and state only (ADR 0032).
            return new Row(scope == Scope.PARTNERSHIPS && rs.getBoolean("restricted") ? idsAndState(e) : e, rs.getLong("total"));
        });
        List<QueueEntry> out = new ArrayList<>();
        long total = 0;
        for (Row row : rows) {
            out.add(row.entry());
            total = row.total();
        }
        if (out.isEmpty() && page > 0) total = count(scope, scopeIds, f, hide);
        return new Page(out, total);
    }

    private long count(Scope scope, Collection<UUID> scopeIds, Filter f, Optional<RestrictedCases.Hide> hide) {
        // Past the last page the window count is not there; ask again from the first page.
        return list(scope, scopeIds, f, 0, 1, hide).total();
    }

    private static QueueEntry idsAndState(QueueEntry e) {
        return new QueueEntry(e.id(), e.pathwayId(), e.partnershipId(), e.subjectId(), e.fromOrganisationId(),
                e.toOrganisationId(), e.toServiceId(), List.of(), null, e.state(), e.version(), e.parentReferralId(),
                e.replacesReferralId(), null, null, null, null, false, null, e.origin(), null, null);
    }

    /** One referral's metadata, whoever's it is (callers check scope). */
    public Optional<QueueEntry> find(UUID id) {
        return jdbc.one(SELECT + "where r.id = ?", Jdbc.params(id), QueueRepository::map);
    }

    /** Every referral of a pathway, oldest first. */
    public List<QueueEntry> pathway(UUID pathwayId) {
        return query(SELECT + "where r.pathway_id = ? order by r.created_at, r.id", pathwayId);
    }

    /**
     * Child referrals of {@code parentId} that have not ended (not in a terminal state), re-routes of a child included
     * (followed through every replacement): a declined child sent on elsewhere still carries the parent's need, so the
     * parent waits for it too.
     */
    public List<QueueEntry> openChildren(UUID parentId) {
        List<String> terminal = Arrays.stream(ReferralState.values()).filter(ReferralState::isTerminal).map(ReferralState::name).toList();
        return query("with recursive family(id) as (select id from referral where parent_referral_id = ? "
                + "union select n.id from referral n join family f on n.replaces_referral_id = f.id) "
                + SELECT + "where r.id in (select id from family) and r.state not in ('" + String.join("','", terminal) + "') "
                + "order by r.created_at, r.id", parentId);
    }

    /** Onward needs recorded when a referral was COMPLETED (empty if none). */
    public List<String> onwardNeeds(UUID referralId) {
        return jdbc.one("select onward_needs from referral_history where referral_id = ? "
                + "and to_state = 'COMPLETED' order by version desc limit 1", ps -> ps.setObject(1, referralId), rs -> rs.getString(1))
                .filter(needs -> !needs.isEmpty()).map(needs -> List.of(needs.split(","))).orElse(List.of());
    }

    /** When the referral was completed (its COMPLETED history row), if it was. */
    public Optional<Instant> completedAt(UUID referralId) {
        return jdbc.one("select occurred_at from referral_history where referral_id = ? "
                + "and to_state = 'COMPLETED' order by version desc limit 1", ps -> ps.setObject(1, referralId),
                rs -> instant(rs, "occurred_at"));
    }

    /** Assigns a received referral to a worker (replacing any earlier assignment). */
    public void assign(UUID referralId, UUID organisationId, String userId, String assignedBy, Instant at) {
        jdbc.update("insert into referral_assignment (referral_id, organisation_id, user_id, "
                + "assigned_by, assigned_at) values (?, ?, ?, ?, ?) on conflict (referral_id) do update set "
                + "organisation_id = excluded.organisation_id, user_id = excluded.user_id, "
                + "assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at", ps -> {
                    ps.setObject(1, referralId);
                    ps.setObject(2, organisationId);
                    ps.setString(3, userId);
                    ps.setString(4, assignedBy);
                    setInstant(ps, 5, at);
                });
    }

    private List<QueueEntry> query(String sql, Object... params) {
        return jdbc.query(sql, Jdbc.params(params), QueueRepository::map);
    }

    private static QueueEntry map(ResultSet rs) throws SQLException {
        String needs = rs.getString("needs");
        return new QueueEntry(uuid(rs, "id"), uuid(rs, "pathway_id"), uuid(rs, "partnership_id"), uuid(rs, "subject_id"),
                uuid(rs, "from_organisation_id"), uuid(rs, "to_organisation_id"), uuid(rs, "to_service_id"),
                needs == null || needs.isEmpty() ? List.of() : List.of(needs.split(",")), rs.getString("urgency"),
                ReferralState.valueOf(rs.getString("state")), rs.getLong("version"), uuid(rs, "parent_referral_id"),
                uuid(rs, "replaces_referral_id"), instant(rs, "created_at"), instant(rs, "sent_at"), instant(rs, "updated_at"),
                instant(rs, "due_at"), rs.getBoolean("overdue"), rs.getString("assigned_to"), rs.getString("origin"),
                rs.getString("self_reference"), rs.getString("statutory_kind"));
    }
}
