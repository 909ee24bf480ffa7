package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.failure;
import static org.pathways.platform.repository.Jdbc.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/** Cost lines of services provided on referrals (issue 17, item 3; ADR 0065): codes, amounts and days only. */
@ApplicationScoped
public class CostRepository {

    public record CostLine(UUID id, UUID referralId, UUID organisationId, UUID serviceId, String category, long amountPence,
            LocalDate providedOn, Instant recordedAt) {
    }

    @Inject
    AgroalDataSource dataSource;

    public void insert(CostLine line, String userId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into referral_cost (id, referral_id, organisation_id, service_id, "
                     + "category, amount_pence, provided_on, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, line.id());
            ps.setObject(2, line.referralId());
            ps.setObject(3, line.organisationId());
            ps.setObject(4, line.serviceId());
            ps.setString(5, line.category());
            ps.setLong(6, line.amountPence());
            ps.setObject(7, line.providedOn());
            ps.setString(8, userId);
            setInstant(ps, 9, line.recordedAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("recording a cost line", e);
        }
    }

    public List<CostLine> forReferral(UUID referralId) {
        List<CostLine> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select id, referral_id, organisation_id, service_id, category, amount_pence, "
                     + "provided_on, recorded_at from referral_cost where referral_id = ? order by provided_on, recorded_at, id")) {
            ps.setObject(1, referralId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CostLine(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getLong(6), rs.getObject(7, LocalDate.class),
                            rs.getObject(8, java.time.OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw failure("reading cost lines", e);
        }
        return out;
    }

    /** Whether the referral ever reached ACCEPTED (support was taken up, so something could be provided). */
    public boolean takenUp(UUID referralId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select exists (select 1 from referral_history where referral_id = ? "
                     + "and to_state = 'ACCEPTED')")) {
            ps.setObject(1, referralId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw failure("reading a referral's history", e);
        }
    }
}
