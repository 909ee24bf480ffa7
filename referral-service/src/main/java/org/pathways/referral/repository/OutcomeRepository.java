package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.setInstant;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;

/** Signposts outside the partnership and needs no service could meet: recorded, nothing shared. */
@ApplicationScoped
public class OutcomeRepository {

    @Inject
    Jdbc jdbc;

    public void insertSignpost(UUID id, UUID subjectId, UUID organisationId, String userId, String needCode,
            byte[] externalOrganisationCiphertext, UUID replacesReferralId, Instant at) {
        jdbc.update("insert into signpost (id, subject_id, organisation_id, user_id, need_code, "
                + "external_organisation_ciphertext, replaces_referral_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, id);
                    ps.setObject(2, subjectId);
                    ps.setObject(3, organisationId);
                    ps.setString(4, userId);
                    ps.setString(5, needCode);
                    ps.setBytes(6, externalOrganisationCiphertext); // encrypted under her key (issue 14, finding 6)
                    ps.setObject(7, replacesReferralId);
                    setInstant(ps, 8, at);
                });
    }

    /** A signpost's external organisation still in clear (written before V46): id, subject, text. */
    public record ClearSignpost(UUID id, UUID subjectId, String externalOrganisation) {
    }

    public java.util.List<ClearSignpost> clearSignposts(int limit) {
        return jdbc.query("select id, subject_id, external_organisation from signpost "
                + "where external_organisation is not null order by id limit ?", ps -> ps.setInt(1, limit),
                rs -> new ClearSignpost(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)));
    }

    /** Replaces a clear text by its ciphertext (null when her key is gone: erased, nothing to keep). */
    public void encryptSignpost(UUID id, byte[] ciphertext) {
        jdbc.update("update signpost set external_organisation = null, external_organisation_ciphertext = ? where id = ?", ps -> {
            ps.setBytes(1, ciphertext);
            ps.setObject(2, id);
        });
    }

    public void insertNoServiceFound(UUID id, UUID subjectId, UUID organisationId, String userId, String needCode,
            UUID replacesReferralId, Instant at) {
        jdbc.update("insert into no_service_found (id, subject_id, organisation_id, user_id, "
                + "need_code, replaces_referral_id, created_at) values (?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, id);
                    ps.setObject(2, subjectId);
                    ps.setObject(3, organisationId);
                    ps.setString(4, userId);
                    ps.setString(5, needCode);
                    ps.setObject(6, replacesReferralId);
                    setInstant(ps, 7, at);
                });
    }
}
