package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.setInstant;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.repository.ReportRepository.Count;

/**
 * Report queries over support periods (issue 17, items 1 and 5; ADR 0073), per partnership and reporting period. Counted by
 * the moment things were recorded, like every other count in a report, and "in support at the end" counts every period
 * open at the period's end whenever it started: a woman still supported is counted, not only those who left (item 5).
 */
@ApplicationScoped
public class SupportReportQueries {

    /** Whole days of one support period ended in the reporting period, per service. */
    public record Length(String serviceId, long days, boolean extended) {
    }

    @Inject
    Jdbc jdbc;

    /** Per service: periods started, ended, and open at the end of the reporting period (started at any time before). */
    public List<Count> periodsByService(UUID partnershipId, Instant start, Instant end) {
        String sql = """
                select service_id::text,
                       count(*) filter (where created_at >= ? and created_at < ?),
                       count(*) filter (where ended_at >= ? and ended_at < ?),
                       count(*) filter (where created_at < ? and (ended_at is null or ended_at >= ?))
                  from support_period where partnership_id = ? and created_at < ? group by 1
                """;
        List<Count> out = new ArrayList<>();
        jdbc.query(sql, ps -> {
            setInstant(ps, 1, start);
            setInstant(ps, 2, end);
            setInstant(ps, 3, start);
            setInstant(ps, 4, end);
            setInstant(ps, 5, end);
            setInstant(ps, 6, end);
            ps.setObject(7, partnershipId);
            setInstant(ps, 8, end);
        }, rs -> List.of(new Count(rs.getString(1), "started", rs.getLong(2)), new Count(rs.getString(1), "ended", rs.getLong(3)),
                new Count(rs.getString(1), "in-support-at-end", rs.getLong(4)))).forEach(out::addAll);
        return out;
    }

    /** People (unduplicated by identity hash) with a support period open at the end of the reporting period. */
    public long peopleInSupportAtEnd(UUID partnershipId, Instant end) {
        String sql = "select count(distinct coalesce(ih.hash, s.id::text)) from support_period p join referral r on r.id = p.referral_id "
                + "join subject s on s.id = r.subject_id left join identity_hash ih on ih.subject_id = s.id "
                + "where p.partnership_id = ? and p.created_at < ? and (p.ended_at is null or p.ended_at >= ?)";
        return jdbc.one(sql, ps -> {
            ps.setObject(1, partnershipId);
            setInstant(ps, 2, end);
            setInstant(ps, 3, end);
        }, rs -> rs.getLong(1)).orElseThrow();
    }

    /**
     * The women (subject ids) whose support period under the partnership started ({@code ended} false) or ended (true)
     * in the reporting period: for the SMV return's status on entering and on leaving support (issue 17, item 7).
     */
    public List<UUID> subjects(UUID partnershipId, Instant start, Instant end, boolean ended) {
        String at = ended ? "p.ended_at" : "p.created_at";
        return jdbc.query("select distinct r.subject_id from "
                + "support_period p join referral r on r.id = p.referral_id where p.partnership_id = ? and " + at + " >= ? and " + at + " < ?",
                ps -> bind(ps, partnershipId, start, end), rs -> rs.getObject(1, UUID.class));
    }

    /** Periods ended in the reporting period: service x end reason. */
    public List<Count> endReasons(UUID partnershipId, Instant start, Instant end) {
        return counts("select service_id::text, end_reason, count(*) from support_period where partnership_id = ? "
                + "and ended_at >= ? and ended_at < ? group by 1, 2", partnershipId, start, end);
    }

    /** Extensions approved in the reporting period: service x reason code. */
    public List<Count> extensionsApproved(UUID partnershipId, Instant start, Instant end) {
        return counts("select p.service_id::text, x.reason_code, count(*) from support_extension x join support_period p on p.id = x.period_id "
                + "where p.partnership_id = ? and x.status = 'APPROVED' and x.decided_at >= ? and x.decided_at < ? group by 1, 2",
                partnershipId, start, end);
    }

    /** The length in days of every period ended in the reporting period, and whether it was extended. */
    public List<Length> lengths(UUID partnershipId, Instant start, Instant end) {
        return jdbc.query("select p.service_id::text, "
                + "p.ended_on - p.started_on, exists (select 1 from support_extension x where x.period_id = p.id and x.status = 'APPROVED') "
                + "from support_period p where p.partnership_id = ? and p.ended_at >= ? and p.ended_at < ? order by 1, 2",
                ps -> bind(ps, partnershipId, start, end), rs -> new Length(rs.getString(1), rs.getLong(2), rs.getBoolean(3)));
    }

    private List<Count> counts(String sql, UUID partnershipId, Instant start, Instant end) {
        return jdbc.query(sql, ps -> bind(ps, partnershipId, start, end), rs -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    private static void bind(PreparedStatement ps, UUID partnershipId, Instant start, Instant end) throws SQLException {
        ps.setObject(1, partnershipId);
        setInstant(ps, 2, start);
        setInstant(ps, 3, end);
    }
}
