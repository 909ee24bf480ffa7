package org.pathways.notification.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.notification.domain.ReferralParty;
import org.pathways.platform.repository.Jdbc;

@ApplicationScoped
public class ReferralPartyRepository {

    /** States after which the receiver's access through the referral has ended. */
    private static final String TERMINAL = "('DECLINED', 'WITHDRAWN', 'COMPLETED', 'NOT_COMPLETED', 'EXPIRED', 'ENTERED_IN_ERROR')";

    @Inject
    Jdbc jdbc;

    public Optional<ReferralParty> find(UUID referralId) {
        return jdbc.query("select * from referral_party where referral_id = ?", ps -> ps.setObject(1, referralId),
                ReferralPartyRepository::map).stream().findFirst();
    }

    /** Her referrals that are not in a terminal state, oldest first. */
    public List<ReferralParty> liveForSubject(UUID subjectId) {
        return jdbc.query("select * from referral_party where subject_id = ? and state not in " + TERMINAL
                + " order by updated_at, referral_id", ps -> ps.setObject(1, subjectId), ReferralPartyRepository::map);
    }

    /** Remembers (or updates) the parties; a later "sent" (a re-sent referral) replaces the referrer. */
    public void upsert(ReferralParty p) {
        jdbc.update("""
                insert into referral_party (referral_id, referrer_user_id, from_org_id, to_org_id, to_service_id, subject_id, state)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (referral_id) do update set referrer_user_id = coalesce(excluded.referrer_user_id, referral_party.referrer_user_id),
                    from_org_id = excluded.from_org_id, to_org_id = excluded.to_org_id, to_service_id = excluded.to_service_id,
                    subject_id = excluded.subject_id, state = excluded.state, updated_at = now()""", ps -> {
            ps.setObject(1, p.referralId());
            ps.setObject(2, p.referrerUserId());
            ps.setObject(3, p.fromOrganisationId());
            ps.setObject(4, p.toOrganisationId());
            ps.setObject(5, p.toServiceId());
            ps.setObject(6, p.subjectId());
            ps.setString(7, p.state());
        });
    }

    /**
     * A later event of a referral we know: its subject and state now. Events of one referral arrive in order (one
     * partition per referral id), so the last one applied is the current state. Unknown referrals are left alone.
     */
    public void updateState(UUID referralId, UUID subjectId, String state) {
        jdbc.update("update referral_party set subject_id = ?, state = ?, updated_at = now() where referral_id = ?", ps -> {
            ps.setObject(1, subjectId);
            ps.setString(2, state);
            ps.setObject(3, referralId);
        });
    }

    /** When its "sent" event says it was sent (ADR 0049); a re-sent referral keeps the latest. */
    public void markSent(UUID referralId, java.time.OffsetDateTime at) {
        jdbc.update("update referral_party set sent_at = ? where referral_id = ?", ps -> {
            ps.setObject(1, at);
            ps.setObject(2, referralId);
        });
    }

    public Optional<java.time.OffsetDateTime> sentAt(UUID referralId) {
        return jdbc.query("select sent_at from referral_party where referral_id = ? and sent_at is not null",
                ps -> ps.setObject(1, referralId), rs -> Jdbc.time(rs, "sent_at")).stream().findFirst();
    }

    private static ReferralParty map(ResultSet rs) throws SQLException {
        return new ReferralParty(Jdbc.uuid(rs, "referral_id"), Jdbc.uuid(rs, "referrer_user_id"), Jdbc.uuid(rs, "from_org_id"),
                Jdbc.uuid(rs, "to_org_id"), Jdbc.uuid(rs, "to_service_id"), Jdbc.uuid(rs, "subject_id"), rs.getString("state"));
    }
}
