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
            byte[] externalOrganisationCiphertext, UUID replacesReferralId, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into signpost (id, subject_id, organisation_id, user_id, need_code, "
                     + "external_organisation_ciphertext, replaces_referral_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, subjectId);
            ps.setObject(3, organisationId);
            ps.setString(4, userId);
            ps.setString(5, needCode);
            ps.setBytes(6, externalOrganisationCiphertext); // encrypted under her key (issue 14, finding 6)
            ps.setObject(7, replacesReferralId);
            setInstant(ps, 8, at);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("recording a signpost", e);
        }
    }

    /** A signpost's external organisation still in clear (written before V46): id, subject, text. */
    public record ClearSignpost(UUID id, UUID subjectId, String externalOrganisation) {
    }

    public java.util.List<ClearSignpost> clearSignposts(int limit) {
        java.util.List<ClearSignpost> out = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select id, subject_id, external_organisation from signpost "
                     + "where external_organisation is not null order by id limit ?")) {
            ps.setInt(1, limit);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new ClearSignpost(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw failure("reading signposts to encrypt", e);
        }
        return out;
    }

    /** Replaces a clear text by its ciphertext (null when her key is gone: erased, nothing to keep). */
    public void encryptSignpost(UUID id, byte[] ciphertext) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update signpost set external_organisation = null, "
                     + "external_organisation_ciphertext = ? where id = ?")) {
            ps.setBytes(1, ciphertext);
            ps.setObject(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("encrypting a signpost", e);
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
