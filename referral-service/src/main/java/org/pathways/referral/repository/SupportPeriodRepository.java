package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;

/** Support periods and their extensions (issue 17, item 1; ADR 0073): codes, days and counts only. */
@ApplicationScoped
public class SupportPeriodRepository {

    /** A support period as stored. */
    public record Period(UUID id, UUID referralId, UUID partnershipId, UUID organisationId, UUID serviceId, LocalDate startedOn,
            boolean ddvcEligible, Integer limitWeeks, LocalDate plannedEnd, LocalDate endedOn, String endReason,
            LocalDate remindedFor, Instant createdAt, Instant updatedAt) {
    }

    /** An extension asked for: REQUESTED until the coordinator approves or refuses it. */
    public record Extension(UUID id, UUID periodId, int weeks, String reasonCode, String status, Instant requestedAt,
            Instant decidedAt) {
    }

    private static final String PERIOD_COLUMNS = "id, referral_id, partnership_id, organisation_id, service_id, started_on, "
            + "ddvc_eligible, limit_weeks, planned_end, ended_on, end_reason, reminded_for, created_at, updated_at";

    @Inject
    Jdbc jdbc;

    public void insert(Period p, String userId) {
        jdbc.update("insert into support_period (" + PERIOD_COLUMNS + ", started_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, p.id());
                    ps.setObject(2, p.referralId());
                    ps.setObject(3, p.partnershipId(), Types.OTHER);
                    ps.setObject(4, p.organisationId());
                    ps.setObject(5, p.serviceId());
                    ps.setObject(6, p.startedOn());
                    ps.setBoolean(7, p.ddvcEligible());
                    ps.setObject(8, p.limitWeeks(), Types.INTEGER);
                    ps.setObject(9, p.plannedEnd(), Types.DATE);
                    ps.setObject(10, p.endedOn(), Types.DATE);
                    ps.setString(11, p.endReason());
                    ps.setObject(12, p.remindedFor(), Types.DATE);
                    setInstant(ps, 13, p.createdAt());
                    setInstant(ps, 14, p.updatedAt());
                    ps.setString(15, userId);
                });
    }

    public Optional<Period> forReferral(UUID referralId, boolean forUpdate) {
        return jdbc.one("select " + PERIOD_COLUMNS + " from support_period where referral_id = ?" + (forUpdate ? " for update" : ""),
                ps -> ps.setObject(1, referralId), SupportPeriodRepository::period);
    }

    public void update(Period p) {
        jdbc.update("update support_period set "
                + "planned_end = ?, ended_on = ?, end_reason = ?, reminded_for = ?, updated_at = ?, "
                + "ended_at = case when ended_at is null and ? then ? else ended_at end where id = ?", ps -> {
                    ps.setObject(1, p.plannedEnd(), Types.DATE);
                    ps.setObject(2, p.endedOn(), Types.DATE);
                    ps.setString(3, p.endReason());
                    ps.setObject(4, p.remindedFor(), Types.DATE);
                    setInstant(ps, 5, p.updatedAt());
                    ps.setBoolean(6, p.endedOn() != null);
                    setInstant(ps, 7, p.updatedAt());
                    ps.setObject(8, p.id());
                });
    }

    public void insertExtension(Extension x, String userId) {
        jdbc.update("insert into support_extension "
                + "(id, period_id, weeks, reason_code, status, requested_by, requested_at) values (?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, x.id());
                    ps.setObject(2, x.periodId());
                    ps.setInt(3, x.weeks());
                    ps.setString(4, x.reasonCode());
                    ps.setString(5, x.status());
                    ps.setString(6, userId);
                    setInstant(ps, 7, x.requestedAt());
                });
    }

    public void decide(UUID extensionId, String status, String userId, Instant at) {
        jdbc.update("update support_extension set status = ?, decided_by = ?, decided_at = ? where id = ?", ps -> {
            ps.setString(1, status);
            ps.setString(2, userId);
            setInstant(ps, 3, at);
            ps.setObject(4, extensionId);
        });
    }

    public List<Extension> extensions(UUID periodId) {
        return jdbc.query("select id, period_id, weeks, "
                + "reason_code, status, requested_at, decided_at from support_extension where period_id = ? order by requested_at, id",
                ps -> ps.setObject(1, periodId),
                rs -> new Extension(uuid(rs, "id"), uuid(rs, "period_id"), rs.getInt("weeks"), rs.getString("reason_code"),
                        rs.getString("status"), instant(rs, "requested_at"),
                        rs.getObject("decided_at") == null ? null : instant(rs, "decided_at")));
    }

    /**
     * Open periods whose planned end is within {@code days} of {@code today} and whose reminder for that end is not sent,
     * locked (skip locked: another replica's poller takes the others).
     */
    public List<Period> claimDueReminders(LocalDate today, int days, int limit) {
        return jdbc.query("select " + PERIOD_COLUMNS
                + " from support_period where ended_on is null and planned_end is not null and planned_end <= ? "
                + "and (reminded_for is null or reminded_for <> planned_end) order by planned_end limit ? for update skip locked", ps -> {
                    ps.setObject(1, today.plusDays(days));
                    ps.setInt(2, limit);
                }, SupportPeriodRepository::period);
    }

    private static Period period(ResultSet rs) throws SQLException {
        return new Period(uuid(rs, "id"), uuid(rs, "referral_id"), uuid(rs, "partnership_id"), uuid(rs, "organisation_id"),
                uuid(rs, "service_id"), rs.getObject("started_on", LocalDate.class), rs.getBoolean("ddvc_eligible"),
                (Integer) rs.getObject("limit_weeks"), rs.getObject("planned_end", LocalDate.class),
                rs.getObject("ended_on", LocalDate.class), rs.getString("end_reason"), rs.getObject("reminded_for", LocalDate.class),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
