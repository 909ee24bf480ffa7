package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.setInstant;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;

/** Cost lines of services provided on referrals (issue 17, item 3; ADR 0065): codes, amounts and days only. */
@ApplicationScoped
public class CostRepository {

    public record CostLine(UUID id, UUID referralId, UUID organisationId, UUID serviceId, String category, long amountPence,
            LocalDate providedOn, Instant recordedAt) {
    }

    @Inject
    Jdbc jdbc;

    public void insert(CostLine line, String userId) {
        jdbc.update("insert into referral_cost (id, referral_id, organisation_id, service_id, "
                + "category, amount_pence, provided_on, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, line.id());
                    ps.setObject(2, line.referralId());
                    ps.setObject(3, line.organisationId());
                    ps.setObject(4, line.serviceId());
                    ps.setString(5, line.category());
                    ps.setLong(6, line.amountPence());
                    ps.setObject(7, line.providedOn());
                    ps.setString(8, userId);
                    setInstant(ps, 9, line.recordedAt());
                });
    }

    public List<CostLine> forReferral(UUID referralId) {
        return jdbc.query("select id, referral_id, organisation_id, service_id, category, amount_pence, "
                + "provided_on, recorded_at from referral_cost where referral_id = ? order by provided_on, recorded_at, id",
                ps -> ps.setObject(1, referralId),
                rs -> new CostLine(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getLong(6), rs.getObject(7, LocalDate.class),
                        rs.getObject(8, java.time.OffsetDateTime.class).toInstant()));
    }

    /** Whether the referral ever reached ACCEPTED (support was taken up, so something could be provided). */
    public boolean takenUp(UUID referralId) {
        return jdbc.one("select exists (select 1 from referral_history where referral_id = ? and to_state = 'ACCEPTED')",
                ps -> ps.setObject(1, referralId), rs -> rs.getBoolean(1)).orElseThrow();
    }
}
