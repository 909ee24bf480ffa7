package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.domain.selfreferral.SelfReferralRules;

/** Self-referrals (ADR 0089): her reference, the SELF origin of the referral, and the service-wide rate row. */
@ApplicationScoped
public class SelfReferralRepository {

    @Inject
    Jdbc jdbc;

    /** Marks a referral just inserted as her own request and stores her reference; in the send's transaction. */
    public void record(UUID referralId, UUID subjectId, String reference, Instant at) {
        jdbc.update("update referral set origin = 'SELF' where id = ?", ps -> ps.setObject(1, referralId));
        jdbc.update("insert into self_referral (referral_id, subject_id, reference, created_at) values (?, ?, ?, ?)", ps -> {
            ps.setObject(1, referralId);
            ps.setObject(2, subjectId);
            ps.setString(3, reference);
            setInstant(ps, 4, at);
        });
    }

    public boolean referenceTaken(String reference) {
        return jdbc.one("select 1 from self_referral where reference = ?", ps -> ps.setString(1, reference), rs -> true).orElse(false);
    }

    /** Erasure (ADR 0088): her reference goes with her data; the referral keeps its SELF origin (a code, for the counts). */
    public void erase(UUID subjectId) {
        jdbc.update("delete from self_referral where subject_id = ?", ps -> ps.setObject(1, subjectId));
    }

    /**
     * One more self-referral against the service-wide limit, decided under the row's lock on the database's clock, so
     * every replica counts in the same window. Call in a transaction of its own: the count is taken whether or not the
     * send that follows succeeds (a failed send is rare, and counting it errs on the safe side).
     */
    public SelfReferralRules.Decision takeGlobal(Duration window, int limit) {
        record Row(Instant start, int taken, Instant now) {
        }
        Row row = jdbc.one("select window_start, taken, now() as now from self_referral_rate where id = 1 for update",
                ps -> { }, rs -> new Row(instant(rs, "window_start"), rs.getInt("taken"), instant(rs, "now")))
                .orElseThrow(() -> new IllegalStateException("self_referral_rate has no row"));
        SelfReferralRules.Decision d = SelfReferralRules.take(row.start(), row.taken(), row.now(), window, limit);
        if (d.allowed()) {
            jdbc.update("update self_referral_rate set window_start = ?, taken = ? where id = 1", ps -> {
                setInstant(ps, 1, d.windowStart());
                ps.setInt(2, d.taken());
            });
        }
        return d;
    }
}
