package org.pathways.notification.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.notification.domain.ReferralParty;

@ApplicationScoped
public class ReferralPartyRepository {

    @Inject
    Jdbc jdbc;

    public Optional<ReferralParty> find(UUID referralId) {
        return jdbc.query("select * from referral_party where referral_id = ?", ps -> ps.setObject(1, referralId),
                rs -> new ReferralParty(Jdbc.uuid(rs, "referral_id"), Jdbc.uuid(rs, "referrer_user_id"),
                        Jdbc.uuid(rs, "from_org_id"), Jdbc.uuid(rs, "to_org_id"), Jdbc.uuid(rs, "to_service_id")))
                .stream().findFirst();
    }

    /** Remembers (or updates) the parties; a later "sent" (a re-sent referral) replaces the referrer. */
    public void upsert(ReferralParty p) {
        jdbc.update("""
                insert into referral_party (referral_id, referrer_user_id, from_org_id, to_org_id, to_service_id)
                values (?, ?, ?, ?, ?)
                on conflict (referral_id) do update set referrer_user_id = coalesce(excluded.referrer_user_id, referral_party.referrer_user_id),
                    from_org_id = excluded.from_org_id, to_org_id = excluded.to_org_id, to_service_id = excluded.to_service_id,
                    updated_at = now()""", ps -> {
            ps.setObject(1, p.referralId());
            ps.setObject(2, p.referrerUserId());
            ps.setObject(3, p.fromOrganisationId());
            ps.setObject(4, p.toOrganisationId());
            ps.setObject(5, p.toServiceId());
        });
    }
}
