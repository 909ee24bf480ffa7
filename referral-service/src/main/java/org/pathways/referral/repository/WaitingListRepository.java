package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.security.RestrictedCases;

/**
 * A service's waiting list (its referrals ON_HOLD, issue 16 item 7) and "held informally": the receiving organisation
 * supports her while she waits, a recorded fact with a start and an end (V71). Ids, codes and times only.
 */
@ApplicationScoped
public class WaitingListRepository {

    /** One referral on a waiting list. {@code onListSince}: its latest move to ON_HOLD. */
    public record Waiting(UUID referralId, UUID serviceId, UUID pathwayId, UUID subjectId, UUID fromOrganisationId, List<String> needs,
            String urgency, long version, Instant sentAt, Instant onListSince, LocalDate reviewDate, Instant heldInformallySince,
            String assignedTo) {
    }

    @Inject
    Jdbc jdbc;

    /** The ON_HOLD referrals {@code organisationId} received (for {@code serviceId}, or any), longest waiting first. */
    public List<Waiting> list(UUID organisationId, UUID serviceId, Optional<RestrictedCases.Hide> hide) {
        String sql = "select r.id, r.to_service_id, r.pathway_id, r.subject_id, r.from_organisation_id, r.needs, r.urgency, r.version, r.sent_at, "
                + "r.review_date, a.user_id as assigned_to, "
                + "(select max(h.occurred_at) from referral_history h where h.referral_id = r.id and h.to_state = 'ON_HOLD') as on_list_since, "
                + "(select s.started_at from referral_informal_support s where s.referral_id = r.id and s.ended_at is null) as held_since "
                + "from referral r left join referral_assignment a on a.referral_id = r.id "
                + "where r.to_organisation_id = ? and r.state = 'ON_HOLD'" + (serviceId != null ? " and r.to_service_id = ?" : "")
                + (hide.isPresent() ? " and " + RestrictedCases.notHiddenSql() : "")
                + " order by r.sent_at asc, r.id";
        return jdbc.query(sql, ps -> {
            int i = 1;
            ps.setObject(i++, organisationId);
            if (serviceId != null) ps.setObject(i++, serviceId);
            if (hide.isPresent()) {
                ps.setObject(i++, hide.get().organisationId());
                ps.setString(i++, hide.get().userId());
            }
        }, rs -> {
            String needs = rs.getString("needs");
            Date review = rs.getDate("review_date");
            return new Waiting(uuid(rs, "id"), uuid(rs, "to_service_id"), uuid(rs, "pathway_id"), uuid(rs, "subject_id"), uuid(rs, "from_organisation_id"),
                    needs == null || needs.isEmpty() ? List.of() : List.of(needs.split(",")), rs.getString("urgency"),
                    rs.getLong("version"), instant(rs, "sent_at"), instant(rs, "on_list_since"),
                    review == null ? null : review.toLocalDate(), instant(rs, "held_since"), rs.getString("assigned_to"));
        });
    }

    /** Since when the referral's organisation has been supporting her informally while she waits, if it is. */
    public Optional<Instant> heldInformallySince(UUID referralId) {
        return jdbc.one("select started_at from referral_informal_support where referral_id = ? and ended_at is null",
                ps -> ps.setObject(1, referralId), rs -> instant(rs, "started_at"));
    }

    public void startInformal(UUID referralId, UUID organisationId, String userId, Instant at) {
        jdbc.update("insert into referral_informal_support (id, referral_id, organisation_id, started_at, started_by) values (?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setObject(2, referralId);
                    ps.setObject(3, organisationId);
                    setInstant(ps, 4, at);
                    ps.setString(5, userId);
                });
    }

    /** Ends the open informal support of a referral (none open: nothing); true if one was ended. */
    public boolean endInformal(UUID referralId, String userId, Instant at) {
        return jdbc.update("update referral_informal_support set ended_at = ?, ended_by = ? where referral_id = ? and ended_at is null",
                ps -> {
                    setInstant(ps, 1, at);
                    ps.setString(2, userId);
                    ps.setObject(3, referralId);
                }) > 0;
    }
}
