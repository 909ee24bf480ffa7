package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;
import static org.pathways.platform.repository.Jdbc.uuid;

import java.sql.Array;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;

/** Wellbeing measures and equality monitoring (issue 17, item 6; ADR 0074): the answers stay ciphertext here. */
@ApplicationScoped
public class MonitoringRepository {

    /** A wellbeing measure as stored (answers still encrypted). */
    public record Measure(UUID id, UUID subjectId, UUID organisationId, String timepoint, LocalDate takenOn, Instant recordedAt,
            byte[] ciphertext) {
    }

    /** One version of her equality monitoring as stored (answers still encrypted). */
    public record Equality(UUID id, UUID subjectId, UUID organisationId, int version, Instant recordedAt, byte[] ciphertext) {
    }

    @Inject
    Jdbc jdbc;

    public void insertMeasure(Measure m, String userId) {
        jdbc.update("insert into wellbeing_measure "
                + "(id, subject_id, organisation_id, timepoint, taken_on, recorded_by, recorded_at, ciphertext) values (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, m.id());
                    ps.setObject(2, m.subjectId());
                    ps.setObject(3, m.organisationId());
                    ps.setString(4, m.timepoint());
                    ps.setObject(5, m.takenOn());
                    ps.setString(6, userId);
                    setInstant(ps, 7, m.recordedAt());
                    ps.setBytes(8, m.ciphertext());
                });
    }

    public List<Measure> measures(UUID subjectId) {
        return measures("select id, subject_id, organisation_id, timepoint, taken_on, recorded_at, ciphertext from wellbeing_measure "
                + "where subject_id = ? order by recorded_at, id", ps -> ps.setObject(1, subjectId));
    }

    /**
     * For a report: every measure recorded before {@code end} by member organisations of women with a measure recorded
     * by a member in [start, end) (a LATER one is compared with her START, whenever that was).
     */
    public List<Measure> measuresForReport(List<UUID> members, Instant start, Instant end) {
        return measures("select id, subject_id, organisation_id, timepoint, taken_on, recorded_at, ciphertext from wellbeing_measure m "
                + "where organisation_id = any(?) and recorded_at < ? and exists (select 1 from wellbeing_measure p where "
                + "p.subject_id = m.subject_id and p.organisation_id = any(?) and p.recorded_at >= ? and p.recorded_at < ?) "
                + "order by subject_id, recorded_at", ps -> {
                    Array a = ps.getConnection().createArrayOf("uuid", members.toArray());
                    ps.setArray(1, a);
                    setInstant(ps, 2, end);
                    ps.setArray(3, a);
                    setInstant(ps, 4, start);
                    setInstant(ps, 5, end);
                });
    }

    public boolean hasStart(UUID subjectId) {
        return !measures("select id, subject_id, organisation_id, timepoint, taken_on, recorded_at, ciphertext from wellbeing_measure "
                + "where subject_id = ? and timepoint = 'START'", ps -> ps.setObject(1, subjectId)).isEmpty();
    }

    public void insertEquality(Equality e, String userId) {
        jdbc.update("insert into equality_monitoring "
                + "(id, subject_id, organisation_id, version, recorded_by, recorded_at, ciphertext) values (?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, e.id());
                    ps.setObject(2, e.subjectId());
                    ps.setObject(3, e.organisationId());
                    ps.setInt(4, e.version());
                    ps.setString(5, userId);
                    setInstant(ps, 6, e.recordedAt());
                    ps.setBytes(7, e.ciphertext());
                });
    }

    /** Her latest equality monitoring, if any. */
    public List<Equality> latestEquality(UUID subjectId) {
        return equality("select id, subject_id, organisation_id, version, recorded_at, ciphertext from equality_monitoring "
                + "where subject_id = ? order by version desc limit 1", ps -> ps.setObject(1, subjectId));
    }

    /** For a report: per woman, the latest version recorded in [start, end) by a member organisation. */
    public List<Equality> equalityForReport(List<UUID> members, Instant start, Instant end) {
        return equality("select distinct on (subject_id) id, subject_id, organisation_id, version, recorded_at, ciphertext "
                + "from equality_monitoring where organisation_id = any(?) and recorded_at >= ? and recorded_at < ? "
                + "order by subject_id, version desc", ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("uuid", members.toArray()));
                    setInstant(ps, 2, start);
                    setInstant(ps, 3, end);
                });
    }

    private List<Measure> measures(String sql, Jdbc.Binder binder) {
        return jdbc.query(sql, binder, rs -> new Measure(uuid(rs, "id"), uuid(rs, "subject_id"), uuid(rs, "organisation_id"),
                rs.getString("timepoint"), rs.getObject("taken_on", LocalDate.class), instant(rs, "recorded_at"), rs.getBytes("ciphertext")));
    }

    private List<Equality> equality(String sql, Jdbc.Binder binder) {
        return jdbc.query(sql, binder, rs -> new Equality(uuid(rs, "id"), uuid(rs, "subject_id"), uuid(rs, "organisation_id"),
                rs.getInt("version"), instant(rs, "recorded_at"), rs.getBytes("ciphertext")));
    }
}
