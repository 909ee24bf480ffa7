package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.ChallengeOutcome;
import org.pathways.contracts.vocab.ChallengeReason;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.domain.Challenge;

/** Escalations and decline reviews of referrals (V72), in the caller's transaction. */
@ApplicationScoped
public class ChallengeRepository {

    @Inject
    Jdbc jdbc;

    public void insert(Challenge c) {
        jdbc.update("insert into referral_challenge (id, referral_id, kind, reason_code, referral_version, referral_state, raised_at, "
                + "raised_by, raised_organisation_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, c.id());
                    ps.setObject(2, c.referralId());
                    ps.setString(3, c.kind().name());
                    ps.setString(4, c.reason().code());
                    ps.setLong(5, c.referralVersion());
                    ps.setString(6, c.referralState().name());
                    setInstant(ps, 7, c.raisedAt());
                    ps.setString(8, c.raisedBy());
                    ps.setObject(9, c.raisedOrganisationId());
                });
    }

    /** Records the answer; false if it was answered meanwhile. */
    public boolean answer(Challenge c) {
        return jdbc.update("update referral_challenge set answered_at = ?, answered_by = ?, answered_organisation_id = ?, outcome = ? "
                + "where id = ? and answered_at is null", ps -> {
                    setInstant(ps, 1, c.answeredAt());
                    ps.setString(2, c.answeredBy());
                    ps.setObject(3, c.answeredOrganisationId());
                    ps.setString(4, c.outcome().code());
                    ps.setObject(5, c.id());
                }) == 1;
    }

    /** Every challenge of a referral, oldest first. */
    public List<Challenge> of(UUID referralId) {
        return jdbc.query("select * from referral_challenge where referral_id = ? order by raised_at, id", Jdbc.params(referralId),
                ChallengeRepository::map);
    }

    public Optional<Challenge> find(UUID referralId, UUID challengeId) {
        return jdbc.one("select * from referral_challenge where referral_id = ? and id = ?", Jdbc.params(referralId, challengeId),
                ChallengeRepository::map);
    }

    private static Challenge map(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome");
        return new Challenge(uuid(rs, "id"), uuid(rs, "referral_id"), Challenge.Kind.valueOf(rs.getString("kind")),
                ChallengeReason.valueOf(rs.getString("reason_code")), rs.getLong("referral_version"),
                ReferralState.valueOf(rs.getString("referral_state")), instant(rs, "raised_at"), rs.getString("raised_by"),
                uuid(rs, "raised_organisation_id"), instant(rs, "answered_at"), rs.getString("answered_by"),
                uuid(rs, "answered_organisation_id"), outcome == null ? null : ChallengeOutcome.valueOf(outcome));
    }
}
