package org.pathways.notification.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.notification.domain.OverrideParty;
import org.pathways.platform.repository.Jdbc;

@ApplicationScoped
public class OverridePartyRepository {

    @Inject
    Jdbc jdbc;

    public Optional<OverrideParty> find(UUID overrideId) {
        return jdbc.query("select * from override_party where override_id = ?", ps -> ps.setObject(1, overrideId),
                rs -> new OverrideParty(Jdbc.uuid(rs, "override_id"), Jdbc.uuid(rs, "organisation_id"),
                        Jdbc.uuid(rs, "requester_user_id"), Jdbc.uuid(rs, "approver_user_id")))
                .stream().findFirst();
    }

    /** Remembers what an event names; a later event never erases a person an earlier one named (null keeps the old). */
    public void upsert(OverrideParty p) {
        jdbc.update("""
                insert into override_party (override_id, organisation_id, requester_user_id, approver_user_id)
                values (?, ?, ?, ?)
                on conflict (override_id) do update set organisation_id = excluded.organisation_id,
                    requester_user_id = coalesce(excluded.requester_user_id, override_party.requester_user_id),
                    approver_user_id = coalesce(excluded.approver_user_id, override_party.approver_user_id),
                    updated_at = now()""", ps -> {
            ps.setObject(1, p.overrideId());
            ps.setObject(2, p.organisationId());
            ps.setObject(3, p.requesterUserId());
            ps.setObject(4, p.approverUserId());
        });
    }
}
