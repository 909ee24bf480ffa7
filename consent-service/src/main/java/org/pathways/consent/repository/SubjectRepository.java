package org.pathways.consent.repository;

import static org.pathways.platform.repository.Jdbc.time;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.consent.domain.Subject;
import org.pathways.platform.repository.Jdbc;

/** Subjects and the referrals that give organisations a reason to act for them. */
@ApplicationScoped
public class SubjectRepository {

    @Inject
    Jdbc jdbc;

    public void register(UUID subjectId, UUID organisationId, OffsetDateTime at) {
        jdbc.update("insert into subject (id, registered_by_org, registered_at) values (?, ?, ?) on conflict do nothing",
                ps -> {
                    ps.setObject(1, subjectId);
                    ps.setObject(2, organisationId);
                    ps.setObject(3, at);
                });
    }

    public Optional<Subject> find(UUID subjectId) {
        return jdbc.query("select id, registered_by_org, registered_at, erased_at from subject where id = ?",
                ps -> ps.setObject(1, subjectId),
                rs -> new Subject(uuid(rs, "id"), uuid(rs, "registered_by_org"), time(rs, "registered_at"),
                        time(rs, "erased_at"))).stream().findFirst();
    }

    /** Records a referral's latest state; an event older than the one already applied changes nothing. */
    public void recordReferral(UUID referralId, UUID subjectId, UUID fromOrg, UUID toOrg, UUID toService, String state,
                               boolean live, int version, OffsetDateTime at) {
        jdbc.update("""
                insert into subject_referral (referral_id, subject_id, from_org, to_org, to_service, state, live, event_version, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (referral_id) do update set state = excluded.state, live = excluded.live,
                    event_version = excluded.event_version, updated_at = excluded.updated_at
                where subject_referral.event_version < excluded.event_version
                """, ps -> {
            ps.setObject(1, referralId);
            ps.setObject(2, subjectId);
            ps.setObject(3, fromOrg);
            ps.setObject(4, toOrg);
            ps.setObject(5, toService);
            ps.setString(6, state);
            ps.setBoolean(7, live);
            ps.setInt(8, version);
            ps.setObject(9, at);
        });
    }

    /** The registering organisation, or one with a live referral (either side) for her. */
    public boolean mayAct(UUID subjectId, UUID organisationId) {
        return !jdbc.query("""
                select 1 from subject s where s.id = ? and s.erased_at is null and (s.registered_by_org = ?
                   or exists (select 1 from subject_referral r where r.subject_id = s.id and r.live
                              and (r.from_org = ? or r.to_org = ?)))
                """, ps -> {
            ps.setObject(1, subjectId);
            ps.setObject(2, organisationId);
            ps.setObject(3, organisationId);
            ps.setObject(4, organisationId);
        }, rs -> 1).isEmpty();
    }

    public void markErased(UUID subjectId, OffsetDateTime at) {
        jdbc.update("update subject set erased_at = coalesce(erased_at, ?) where id = ?", ps -> {
            ps.setObject(1, at);
            ps.setObject(2, subjectId);
        });
    }
}
