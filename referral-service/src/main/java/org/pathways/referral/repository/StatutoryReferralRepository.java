package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.domain.StatutoryReferral;

/** The statutory part of referrals to statutory partners (ADR 0091). */
@ApplicationScoped
public class StatutoryReferralRepository {

    @Inject
    Jdbc jdbc;

    public void insert(StatutoryReferral s) {
        jdbc.update("insert into statutory_referral (referral_id, kind, dash_level, criterion, safe_contact_times) values (?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, s.referralId());
                    ps.setString(2, s.kind().name());
                    ps.setString(3, s.dashLevel() == null ? null : s.dashLevel().name());
                    ps.setString(4, s.criterion() == null ? null : s.criterion().name());
                    ps.setBytes(5, s.safeContactTimes());
                });
    }

    public Optional<StatutoryReferral> find(UUID referralId) {
        return jdbc.one("select * from statutory_referral where referral_id = ?", ps -> ps.setObject(1, referralId),
                StatutoryReferralRepository::map);
    }

    /** Every statutory referral of hers (for her subject access export). */
    public List<StatutoryReferral> forSubject(UUID subjectId) {
        return jdbc.query("select s.* from statutory_referral s join referral r on r.id = s.referral_id where r.subject_id = ? "
                + "order by r.created_at", ps -> ps.setObject(1, subjectId), StatutoryReferralRepository::map);
    }

    private static StatutoryReferral map(ResultSet rs) throws SQLException {
        String dash = rs.getString("dash_level");
        String criterion = rs.getString("criterion");
        return new StatutoryReferral(uuid(rs, "referral_id"), StatutoryReferral.Kind.valueOf(rs.getString("kind")),
                dash == null ? null : StatutoryReferral.DashLevel.valueOf(dash),
                criterion == null ? null : StatutoryReferral.MaracCriterion.valueOf(criterion), rs.getBytes("safe_contact_times"));
    }
}
