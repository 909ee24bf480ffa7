package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.failure;
import static org.pathways.platform.repository.Jdbc.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/** Signposts outside the partnership and needs no service could meet: recorded, nothing shared. */
@ApplicationScoped
public class OutcomeRepository {

    @Inject
    AgroalDataSource dataSource;

    public void insertSignpost(UUID id, UUID subjectId, UUID organisationId, String userId, String needCode,
            String externalOrganisation, UUID replacesReferralId, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into signpost (id, subject_id, organisation_id, user_id, need_code, "
                     + "external_organisation, replaces_referral_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, subjectId);
            ps.setObject(3, organisationId);
            ps.setString(4, userId);
            ps.setString(5, needCode);
            ps.setString(6, externalOrganisation);
            ps.setObject(7, replacesReferralId);
            setInstant(ps, 8, at);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("recording a signpost", e);
        }
    }

    public void insertNoServiceFound(UUID id, UUID subjectId, UUID organisationId, String userId, String needCode,
            UUID replacesReferralId, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into no_service_found (id, subject_id, organisation_id, user_id, "
                     + "need_code, replaces_referral_id, created_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, subjectId);
            ps.setObject(3, organisationId);
            ps.setString(4, userId);
            ps.setString(5, needCode);
            ps.setObject(6, replacesReferralId);
            setInstant(ps, 7, at);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("recording a need no service could meet", e);
        }
    }
}
