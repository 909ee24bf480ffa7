package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.setInstant;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;

/** Turn-aways: a service, a need, a reason and a day; never anything about her (issue 17, item 4). */
@ApplicationScoped
public class TurnAwayRepository {

    @Inject
    Jdbc jdbc;

    public void insert(UUID id, UUID organisationId, UUID serviceId, String needCode, String reasonCode, LocalDate on,
            String userId, Instant at) {
        jdbc.update("insert into turn_away (id, organisation_id, service_id, need_code, "
                + "reason_code, turned_away_on, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, id);
                    ps.setObject(2, organisationId);
                    ps.setObject(3, serviceId);
                    ps.setString(4, needCode);
                    ps.setString(5, reasonCode);
                    ps.setObject(6, on);
                    ps.setString(7, userId);
                    setInstant(ps, 8, at);
                });
    }
}
