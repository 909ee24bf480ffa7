package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.NeedOutcome;
import org.pathways.contracts.vocab.ReasonCode;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.domain.HistoryEntry;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.ReferralStateMachine;
import org.pathways.referral.domain.Urgency;
import org.pathways.referral.security.RestrictedCases;

/** Referrals and their history. Lookups that serve callers are scoped to the two organisations on a referral. */
@ApplicationScoped
public class ReferralRepository {

    private static final String COLUMNS = "id, pathway_id, partnership_id, agreement_id, subject_id, from_organisation_id, "
            + "from_user_id, to_organisation_id, to_service_id, spoc_source, spoc_user_id, spoc_username, spoc_mailbox, "
            + "response_working_days, remind_before_days, expire_after_days, bank_holiday_division, needs, urgency, state, "
            + "version, sections, person_knows, override_id, replaces_referral_id, parent_referral_id, note_ciphertext, "
            + "safe_contact_ciphertext, review_date, created_at, sent_at, updated_at";

    private static final Set<String> LIVE_FOR_RECEIVER = Set.of(ReferralState.ACCEPTED.name(), ReferralState.ON_HOLD.name(),
            ReferralState.IN_PROGRESS.name());

    @Inject
    Jdbc jdbc;

    public void insert(Referral r) {
        jdbc.update("insert into referral (" + COLUMNS + ") values ("
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            int i = 1;
            ps.setObject(i++, r.id());
            ps.setObject(i++, r.pathwayId());
            ps.setObject(i++, r.partnershipId());
            ps.setObject(i++, r.agreementId());
            ps.setObject(i++, r.subjectId());
            ps.setObject(i++, r.fromOrganisationId());
            ps.setString(i++, r.fromUserId());
            ps.setObject(i++, r.toOrganisationId());
            ps.setObject(i++, r.toServiceId());
            Referral.Spoc s = r.spoc();
            ps.setString(i++, s == null ? null : s.source());
            ps.setString(i++, s == null ? null : s.userId());
            ps.setString(i++, s == null ? null : s.username());
            ps.setString(i++, s == null ? null : s.mailbox());
            Referral.ResponseTarget t = r.responseTarget();
            setInt(ps, i++, t == null ? null : t.workingDays());
            setInt(ps, i++, t == null ? null : t.remindBeforeDays());
            setInt(ps, i++, t == null ? null : t.expireAfterDays());
            ps.setString(i++, t == null ? null : t.division());
            ps.setString(i++, String.join(",", r.needs()));
            ps.setString(i++, r.urgency().name());
            ps.setString(i++, r.state().name());
            ps.setLong(i++, r.version());
            ps.setString(i++, categories(r.sections()));
            ps.setBoolean(i++, r.personKnows());
            ps.setObject(i++, r.overrideId());
            ps.setObject(i++, r.replacesReferralId());
            ps.setObject(i++, r.parentReferralId());
            ps.setBytes(i++, r.noteCiphertext());
            ps.setBytes(i++, r.safeContactCiphertext());
            ps.setObject(i++, r.reviewDate() == null ? null : Date.valueOf(r.reviewDate()));
            setInstant(ps, i++, r.createdAt());
            if (r.sentAt() == null) ps.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE); else setInstant(ps, i++, r.sentAt());
            setInstant(ps, i, r.updatedAt());
        });
    }

    /**
     * The referral if {@code organisationId} is its sender or its receiver; empty otherwise (a third organisation
     * learns nothing). {@code forUpdate} locks the row.
     */
    public Optional<Referral> findForOrganisation(UUID id, UUID organisationId, boolean forUpdate) {
        return one("select " + COLUMNS + " from referral where id = ? and (from_organisation_id = ? or to_organisation_id = ?)"
                + (forUpdate ? " for update" : ""), id, organisationId, organisationId);
    }

    /** Any referral by id, for the service's own checks (never returned to a caller without a scope check). */
    public Optional<Referral> find(UUID id) {
        return one("select " + COLUMNS + " from referral where id = ?", id);
    }

    /**
     * A referral for this subject that {@code organisationId} has taken up (ACCEPTED, ON_HOLD, IN_PROGRESS): what lets a
     * receiving organisation refer her onwards. The most recent one.
     */
    public Optional<Referral> liveReceived(UUID subjectId, UUID organisationId) {
        return one("select " + COLUMNS + " from referral where subject_id = ? and to_organisation_id = ? and state in ('"
                + String.join("','", LIVE_FOR_RECEIVER) + "') order by created_at desc limit 1", subjectId, organisationId);
    }

    /** Whether {@code organisationId} is on any referral of this pathway for this subject (it may add to the pathway). */
    public boolean onPathway(UUID pathwayId, UUID subjectId, UUID organisationId) {
        return jdbc.one("select 1 from referral where pathway_id = ? and subject_id = ? "
                + "and (from_organisation_id = ? or to_organisation_id = ?) limit 1",
                Jdbc.params(pathwayId, subjectId, organisationId, organisationId), rs -> true).isPresent();
    }

    /** Moves a locked referral to a new state (version + 1) and appends the history row. */
    public void move(Referral updated, HistoryEntry entry) {
        int moved = jdbc.update("update referral set state = ?, version = ?, review_date = ?, updated_at = ? "
                + "where id = ? and version = ?", ps -> {
                    ps.setString(1, updated.state().name());
                    ps.setLong(2, updated.version());
                    ps.setObject(3, updated.reviewDate() == null ? null : Date.valueOf(updated.reviewDate()));
                    setInstant(ps, 4, updated.updatedAt());
                    ps.setObject(5, updated.id());
                    ps.setLong(6, updated.version() - 1);
                });
        if (moved != 1) throw new IllegalStateException("referral changed under a row lock");
        appendHistory(entry);
    }

    public void appendHistory(HistoryEntry h) {
        jdbc.update("insert into referral_history (referral_id, version, occurred_at, "
                + "actor_user_id, actor_organisation_id, actor, from_state, to_state, reason_code, review_date, outcomes, "
                + "onward_needs) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setObject(1, h.referralId());
            ps.setLong(2, h.version());
            setInstant(ps, 3, h.occurredAt());
            ps.setString(4, h.actorUserId());
            ps.setObject(5, h.actorOrganisationId());
            ps.setString(6, h.actor().name());
            ps.setString(7, h.from() == null ? null : h.from().name());
            ps.setString(8, h.to().name());
            ps.setString(9, h.reason() == null ? null : h.reason().name());
            ps.setObject(10, h.reviewDate() == null ? null : Date.valueOf(h.reviewDate()));
            ps.setString(11, h.outcomes() == null || h.outcomes().isEmpty() ? null : h.outcomes().entrySet().stream()
                    .map(e -> e.getKey() + ":" + e.getValue().name()).sorted().collect(Collectors.joining(",")));
            ps.setString(12, h.onwardNeeds() == null || h.onwardNeeds().isEmpty() ? null : String.join(",", h.onwardNeeds()));
        });
    }

    public List<HistoryEntry> history(UUID referralId) {
        return jdbc.query("select * from referral_history where referral_id = ? order by version", ps -> ps.setObject(1, referralId),
                rs -> {
                    Map<String, NeedOutcome> outcomes = new LinkedHashMap<>();
                    String o = rs.getString("outcomes");
                    if (o != null) {
                        for (String pair : o.split(",")) {
                            int at = pair.lastIndexOf(':');
                            outcomes.put(pair.substring(0, at), NeedOutcome.valueOf(pair.substring(at + 1)));
                        }
                    }
                    String from = rs.getString("from_state");
                    String reason = rs.getString("reason_code");
                    Date review = rs.getDate("review_date");
                    return new HistoryEntry(uuid(rs, "referral_id"), rs.getLong("version"), instant(rs, "occurred_at"),
                            rs.getString("actor_user_id"), uuid(rs, "actor_organisation_id"),
                            ReferralStateMachine.Actor.valueOf(rs.getString("actor")),
                            from == null ? null : ReferralState.valueOf(from), ReferralState.valueOf(rs.getString("to_state")),
                            reason == null ? null : ReasonCode.valueOf(reason), review == null ? null : review.toLocalDate(),
                            outcomes, list(rs.getString("onward_needs")));
                });
    }

    /**
     * Referrals where the organisation is the receiver ({@code incoming}) or the sender, newest first, optionally by
     * state. {@code hide}: the caller's restricted-case scope (ADR 0032); empty when the caller sees every case.
     */
    public List<Referral> list(UUID organisationId, boolean incoming, Collection<ReferralState> states, int limit,
            Optional<RestrictedCases.Hide> hide) {
        String sql = "select " + COLUMNS + " from referral r where " + (incoming ? "to_organisation_id" : "from_organisation_id")
                + " = ?" + (states.isEmpty() ? "" : " and state in (" + states.stream().map(s -> "'" + s.name() + "'")
                        .collect(Collectors.joining(",")) + ")")
                + (hide.isPresent() ? " and " + RestrictedCases.notHiddenSql() : "")
                + " order by created_at desc, id limit ?";
        return jdbc.query(sql, ps -> {
            int i = 1;
            ps.setObject(i++, organisationId);
            if (hide.isPresent()) {
                ps.setObject(i++, hide.get().organisationId());
                ps.setString(i++, hide.get().userId());
            }
            ps.setInt(i, limit);
        }, ReferralRepository::map);
    }

    private Optional<Referral> one(String sql, Object... params) {
        return jdbc.one(sql, Jdbc.params(params), ReferralRepository::map);
    }

    private static Referral map(ResultSet rs) throws SQLException {
        Date review = rs.getDate("review_date");
        String spocSource = rs.getString("spoc_source");
        return new Referral(uuid(rs, "id"), uuid(rs, "pathway_id"), uuid(rs, "partnership_id"), uuid(rs, "agreement_id"),
                uuid(rs, "subject_id"), uuid(rs, "from_organisation_id"), rs.getString("from_user_id"),
                uuid(rs, "to_organisation_id"), uuid(rs, "to_service_id"),
                spocSource == null && rs.getString("spoc_user_id") == null && rs.getString("spoc_mailbox") == null ? null
                        : new Referral.Spoc(spocSource, rs.getString("spoc_user_id"), rs.getString("spoc_username"), rs.getString("spoc_mailbox")),
                new Referral.ResponseTarget(integer(rs, "response_working_days"), integer(rs, "remind_before_days"),
                        integer(rs, "expire_after_days"), rs.getString("bank_holiday_division")),
                list(rs.getString("needs")), Urgency.valueOf(rs.getString("urgency")), ReferralState.valueOf(rs.getString("state")),
                rs.getLong("version"), sections(rs.getString("sections")), rs.getBoolean("person_knows"), uuid(rs, "override_id"),
                uuid(rs, "replaces_referral_id"), uuid(rs, "parent_referral_id"), rs.getBytes("note_ciphertext"),
                rs.getBytes("safe_contact_ciphertext"), review == null ? null : review.toLocalDate(),
                instant(rs, "created_at"), instant(rs, "sent_at"), instant(rs, "updated_at"));
    }

    static String categories(Set<DataCategory> sections) {
        return sections.stream().map(DataCategory::code).sorted().collect(Collectors.joining(","));
    }

    private static Set<DataCategory> sections(String csv) {
        EnumSet<DataCategory> out = EnumSet.noneOf(DataCategory.class);
        for (String s : list(csv)) out.add(DataCategory.valueOf(s));
        return out;
    }

    private static List<String> list(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : List.copyOf(Arrays.asList(csv.split(",")));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) ps.setNull(index, Types.INTEGER); else ps.setInt(index, value);
    }

}
