package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.failure;
import static org.pathways.platform.repository.Jdbc.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/** Turn-aways: a service, a need, a reason and a day; never anything about her (issue 17, item 4). */
@ApplicationScoped
public class TurnAwayRepository {

    @Inject
    AgroalDataSource dataSource;

    public void insert(UUID id, UUID organisationId, UUID serviceId, String needCode, String reasonCode, LocalDate on,
            String userId, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into turn_away (id, organisation_id, service_id, need_code, "
                     + "reason_code, turned_away_on, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, organisationId);
            ps.setObject(3, serviceId);
            ps.setString(4, needCode);
            ps.setString(5, reasonCode);
            ps.setObject(6, on);
            ps.setString(7, userId);
            setInstant(ps, 8, at);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("recording a turn-away", e);
        }
    }
}
