package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.setInstant;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;

/**
 * The raw counts behind an aggregate report, for one partnership (its member organisations) and one period
 * [start, end). Counts and durations only; the service applies disclosure control before anything leaves.
 *
 * <p>A person is her identity hash when she has one (so a woman registered by two organisations counts once), her
 * subject id otherwise. An engagement starts when an organisation registers her or first accepts a referral for her.
 */
@ApplicationScoped
public class ReportRepository {

    /** One (row, column) count. */
    public record Count(String row, String column, long count) {
    }

    /** Hours from one moment of a referral to the next, per receiving service. */
    public record Duration(UUID serviceId, double hours) {
    }

    private static final String ENGAGEMENTS = """
            with eng as (
                select organisation_id, subject_id, min(started_at) as started_at from (
                    select organisation_id, subject_id, started_at from engagement
                    union all
                    select r.to_organisation_id, r.subject_id, h.occurred_at
                      from referral r join referral_history h on h.referral_id = r.id and h.to_state = 'ACCEPTED'
                ) x group by organisation_id, subject_id)
            """;

    private static final String PERSON = "coalesce(ih.hash, s.id::text)";

    @Inject
    Jdbc jdbc;

    public List<Count> engagementsByOrganisation(List<UUID> members, Instant start, Instant end) {
        // One per organisation and person: a woman an organisation registered and also took a referral for counts once.
        return counts(ENGAGEMENTS + "select eng.organisation_id::text, 'engagements', count(distinct " + PERSON + ") from eng "
                + "join subject s on s.id = eng.subject_id left join identity_hash ih on ih.subject_id = s.id "
                + "where eng.organisation_id = any(?) and eng.started_at >= ? and eng.started_at < ? group by eng.organisation_id",
                members, start, end);
    }

    public long unduplicatedPeople(List<UUID> members, Instant start, Instant end) {
        return single(ENGAGEMENTS + "select count(distinct " + PERSON + ") from eng join subject s on s.id = eng.subject_id "
                + "left join identity_hash ih on ih.subject_id = s.id "
                + "where eng.organisation_id = any(?) and eng.started_at >= ? and eng.started_at < ?", members, start, end);
    }

    /** Referrals sent in the period under the partnership's agreement: from organisation x to organisation. */
    public List<Count> pathwayMatrix(UUID partnershipId, Instant start, Instant end) {
        return counts("select from_organisation_id::text, to_organisation_id::text, count(*) from referral "
                + "where partnership_id = ? and sent_at >= ? and sent_at < ? group by 1, 2", partnershipId, start, end);
    }

    /** For referrals sent in the period: per receiving organisation, sent / taken up / completed / need met. */
    public List<Count> funnel(UUID partnershipId, Instant start, Instant end) {
        String sql = """
                select r.to_organisation_id::text as org,
                       count(*) as sent,
                       count(*) filter (where exists (select 1 from referral_history h where h.referral_id = r.id and (h.to_state = 'ACCEPTED'
                            or (h.from_state = 'SENT' and h.to_state = 'ON_HOLD')))) as taken_up,
                       count(*) filter (where r.state = 'COMPLETED') as completed,
                       count(*) filter (where r.state = 'COMPLETED' and exists (select 1 from referral_history h
                            where h.referral_id = r.id and h.to_state = 'COMPLETED' and h.outcomes like '%:NEED_MET%')) as need_met
                  from referral r where r.partnership_id = ? and r.sent_at >= ? and r.sent_at < ? group by 1
                """;
        List<Count> out = new ArrayList<>();
        jdbc.query(sql, ps -> bind(ps, partnershipId, start, end), rs -> {
            String org = rs.getString(1);
            return List.of(new Count(org, "sent", rs.getLong(2)), new Count(org, "taken-up", rs.getLong(3)),
                    new Count(org, "completed", rs.getLong(4)), new Count(org, "need-met", rs.getLong(5)));
        }).forEach(out::addAll);
        return out;
    }

    /** Hours from sending to the first answer (accepted, declined, or taken onto the waiting list: ON_HOLD from SENT, ADR 0096), for referrals sent in the period. */
    public List<Duration> timeToAnswer(UUID partnershipId, Instant start, Instant end) {
        return durations("""
                select r.to_service_id, extract(epoch from (min(h.occurred_at) - r.sent_at)) / 3600.0
                  from referral r join referral_history h on h.referral_id = r.id and h.to_state in ('ACCEPTED', 'DECLINED', 'ON_HOLD')
                 where r.partnership_id = ? and r.sent_at >= ? and r.sent_at < ? group by r.id, r.to_service_id, r.sent_at
                """, partnershipId, start, end);
    }

    /** Hours from acceptance to first contact (IN_PROGRESS), for referrals sent in the period. */
    public List<Duration> timeToFirstContact(UUID partnershipId, Instant start, Instant end) {
        return durations("""
                select r.to_service_id, extract(epoch from (min(p.occurred_at) - min(a.occurred_at))) / 3600.0
                  from referral r
                  join referral_history a on a.referral_id = r.id and a.to_state = 'ACCEPTED'
                  join referral_history p on p.referral_id = r.id and p.to_state = 'IN_PROGRESS'
                 where r.partnership_id = ? and r.sent_at >= ? and r.sent_at < ? group by r.id, r.to_service_id
                """, partnershipId, start, end);
    }

    /** Moves to {@code state} (DECLINED, NOT_COMPLETED) made in the period: receiving organisation x reason code. */
    public List<Count> reasons(UUID partnershipId, String state, Instant start, Instant end) {
        String sql = "select r.to_organisation_id::text, coalesce(h.reason_code, 'OTHER'), count(*) from referral r "
                + "join referral_history h on h.referral_id = r.id and h.to_state = '" + (state.equals("DECLINED") ? "DECLINED" : "NOT_COMPLETED") + "' "
                + "where r.partnership_id = ? and h.occurred_at >= ? and h.occurred_at < ? group by 1, 2";
        return counts(sql, partnershipId, start, end);
    }

    /** Needs no service could meet, recorded in the period by member organisations: need code x count. */
    public List<Count> noServiceFound(List<UUID> members, Instant start, Instant end) {
        return counts("select need_code, 'records', count(*) from no_service_found "
                + "where organisation_id = any(?) and created_at >= ? and created_at < ? group by need_code", members, start, end);
    }

    /** One (row, column) count with the sum of an amount over the same rows. */
    public record CountAndSum(String row, String column, long count, long sum) {
    }

    /**
     * Cost lines (issue 17, item 3) recorded in the period on referrals under the partnership's agreement: providing
     * service x category, how many lines and their sum in pence.
     */
    public List<CountAndSum> costLines(UUID partnershipId, Instant start, Instant end) {
        return jdbc.query("select k.service_id::text, k.category, count(*), coalesce(sum(k.amount_pence), 0) from referral_cost k "
                + "join referral r on r.id = k.referral_id where r.partnership_id = ? and k.recorded_at >= ? "
                + "and k.recorded_at < ? group by 1, 2", ps -> bind(ps, partnershipId, start, end),
                rs -> new CountAndSum(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
    }

    /**
     * Turn-aways (issue 17, item 4) recorded in the period by member organisations: service x reason code. Counted by
     * the moment they were recorded, like every other count here, so a stored report never misses a late one.
     */
    public List<Count> turnAwaysByService(List<UUID> members, Instant start, Instant end) {
        return counts("select service_id::text, reason_code, count(*) from turn_away "
                + "where organisation_id = any(?) and recorded_at >= ? and recorded_at < ? group by 1, 2", members, start, end);
    }

    /**
     * MWNUK's waiting list (issue 17, item 7; the waiting list of ADR 0054): per receiving service of referrals under the
     * partnership, how many referrals joined its waiting list (put ON_HOLD) in the period, and how many of them its
     * organisation began to support meanwhile ("held informally") in the period. Distinct referrals, so a referral put on
     * hold twice counts once.
     */
    public List<Count> waitingListByService(UUID partnershipId, Instant start, Instant end) {
        List<Count> out = new ArrayList<>(counts("select r.to_service_id::text, 'joined', count(distinct r.id) from referral r "
                + "join referral_history h on h.referral_id = r.id and h.to_state = 'ON_HOLD' "
                + "where r.partnership_id = ? and h.occurred_at >= ? and h.occurred_at < ? group by 1", partnershipId, start, end));
        out.addAll(counts("select r.to_service_id::text, 'held-informally', count(distinct r.id) from referral r "
                + "join referral_informal_support i on i.referral_id = r.id "
                + "where r.partnership_id = ? and i.started_at >= ? and i.started_at < ? group by 1", partnershipId, start, end));
        return out;
    }

    /**
     * Repeat contacts (issue 17, item 7 for MWNUK; ADR 0072) recorded in the period by member organisations: organisation
     * x channel (a record linked as registered again is REGISTERED_AGAIN).
     */
    public List<Count> repeatContactsByOrganisation(List<UUID> members, Instant start, Instant end) {
        return counts("select organisation_id::text, channel, count(*) from subject_contact "
                + "where organisation_id = any(?) and recorded_at >= ? and recorded_at < ? group by 1, 2", members, start, end);
    }

    /** People with a repeat contact recorded in the period by a member organisation, each counted once. */
    public long peopleWithRepeatContacts(List<UUID> members, Instant start, Instant end) {
        return single("select count(distinct " + PERSON + ") from subject_contact c join subject s on s.id = c.subject_id "
                + "left join identity_hash ih on ih.subject_id = s.id "
                + "where c.organisation_id = any(?) and c.recorded_at >= ? and c.recorded_at < ?", members, start, end);
    }

    /**
     * People turned away in the period: a referral declined or expired in the period that no re-route (followed
     * through every replacement) got taken up and no signpost followed, or a need no service could meet.
     */
    public long peopleTurnedAway(UUID partnershipId, List<UUID> members, Instant start, Instant end) {
        String sql = """
                with recursive refused as (
                    select distinct r.id, r.subject_id from referral r
                      join referral_history h on h.referral_id = r.id and h.to_state in ('DECLINED', 'EXPIRED')
                     where r.partnership_id = ? and h.occurred_at >= ? and h.occurred_at < ?),
                chain(root, id) as (
                    select id, id from refused
                    union all
                    select chain.root, n.id from chain join referral n on n.replaces_referral_id = chain.id),
                helped as (
                    select distinct chain.root from chain
                     where exists (select 1 from referral_history h where h.referral_id = chain.id and h.to_state = 'ACCEPTED')
                        or exists (select 1 from signpost sp where sp.replaces_referral_id = chain.id)),
                turned as (
                    select subject_id from refused where id not in (select root from helped)
                    union
                    select subject_id from no_service_found where organisation_id = any(?) and created_at >= ? and created_at < ?)
                select count(distinct coalesce(ih.hash, s.id::text)) from turned
                  join subject s on s.id = turned.subject_id left join identity_hash ih on ih.subject_id = s.id
                """;
        return jdbc.one(sql, ps -> {
            ps.setObject(1, partnershipId);
            setInstant(ps, 2, start);
            setInstant(ps, 3, end);
            ps.setArray(4, ps.getConnection().createArrayOf("uuid", members.toArray()));
            setInstant(ps, 5, start);
            setInstant(ps, 6, end);
        }, rs -> rs.getLong(1)).orElseThrow();
    }

    // ---- stored snapshots ----

    public Optional<String> snapshot(UUID partnershipId, String periodId) {
        return jdbc.one("select body::text from report_snapshot where partnership_id = ? and period_id = ?", ps -> {
            ps.setObject(1, partnershipId);
            ps.setString(2, periodId);
        }, rs -> rs.getString(1));
    }

    /** Stores a snapshot unless one exists already (the first one stored wins, for ever). */
    public void storeSnapshot(UUID partnershipId, String periodId, String body, Instant at) {
        jdbc.update("insert into report_snapshot (partnership_id, period_id, generated_at, body) "
                + "values (?, ?, ?, ?::jsonb) on conflict (partnership_id, period_id) do nothing", ps -> {
                    ps.setObject(1, partnershipId);
                    ps.setString(2, periodId);
                    setInstant(ps, 3, at);
                    ps.setString(4, body);
                });
    }

    public Map<String, Instant> storedPeriods(UUID partnershipId) {
        Map<String, Instant> out = new LinkedHashMap<>();
        jdbc.query("select period_id, generated_at from report_snapshot where partnership_id = ? order by period_id desc",
                ps -> ps.setObject(1, partnershipId), rs -> out.put(rs.getString(1), Jdbc.instant(rs, "generated_at")));
        return out;
    }

    // ---- by referral source (issue 17, item 7: MWNUK's "time and risk by referral source"; ADR 0096) ----

    /** How a referral came in: her own request (SELF), from another service of the receiving organisation, or from a partner. */
    static final String SOURCE = "case when r.origin = 'SELF' then 'SELF' when r.from_organisation_id = r.to_organisation_id "
            + "then 'INTERNAL' else 'PARTNER' end";

    /** A referral sent in the period: its source and whose it is (her subject id, for counting her risk level only). */
    public record Sourced(String source, UUID toOrganisationId, UUID subjectId) {
    }

    /** A first answer (ACCEPTED, DECLINED, or ON_HOLD: taken onto the waiting list) of a referral sent in the period, by source. */
    public record SourcedHours(String source, double hours) {
    }

    public List<Sourced> sourcedReferrals(UUID partnershipId, Instant start, Instant end) {
        return jdbc.query("select " + SOURCE + ", r.to_organisation_id, r.subject_id from referral r "
                + "where r.partnership_id = ? and r.sent_at >= ? and r.sent_at < ?", ps -> bind(ps, partnershipId, start, end),
                rs -> new Sourced(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)));
    }

    public List<SourcedHours> timeToAnswerBySource(UUID partnershipId, Instant start, Instant end) {
        return jdbc.query("select " + SOURCE + ", extract(epoch from (min(h.occurred_at) - r.sent_at)) / 3600.0 from referral r "
                + "join referral_history h on h.referral_id = r.id and h.to_state in ('ACCEPTED', 'DECLINED', 'ON_HOLD') "
                + "where r.partnership_id = ? and r.sent_at >= ? and r.sent_at < ? "
                + "group by r.id, r.origin, r.from_organisation_id, r.to_organisation_id, r.sent_at",
                ps -> bind(ps, partnershipId, start, end), rs -> new SourcedHours(rs.getString(1), rs.getDouble(2)));
    }

    // ---- helpers ----

    private List<Count> counts(String sql, Object scope, Instant start, Instant end) {
        return jdbc.query(sql, ps -> bind(ps, scope, start, end), rs -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    private long single(String sql, Object scope, Instant start, Instant end) {
        return jdbc.one(sql, ps -> bind(ps, scope, start, end), rs -> rs.getLong(1)).orElseThrow();
    }

    private List<Duration> durations(String sql, UUID partnershipId, Instant start, Instant end) {
        return jdbc.query(sql, ps -> bind(ps, partnershipId, start, end), rs -> new Duration(rs.getObject(1, UUID.class), rs.getDouble(2)));
    }

    private static void bind(PreparedStatement ps, Object scope, Instant start, Instant end) throws SQLException {
        if (scope instanceof List<?> list) {
            Array array = ps.getConnection().createArrayOf("uuid", list.toArray());
            ps.setArray(1, array);
        } else {
            ps.setObject(1, scope);
        }
        setInstant(ps, 2, start);
        setInstant(ps, 3, end);
    }
}
