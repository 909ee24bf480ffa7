package org.pathways.referral.repository;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.setInstant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.service.RetentionService;

/** The queries of the retention job. */
@ApplicationScoped
public class RetentionRepository {

    /** Her last activity: registration or handover, a section written, a referral of hers changed. */
    private static final String INACTIVE = """
            s.erased_at is null
            and s.updated_at < ?
            and not exists (select 1 from summary_section x where x.subject_id = s.id and x.created_at >= ?)
            and not exists (select 1 from referral r where r.subject_id = s.id
                            and (r.updated_at >= ? or r.state in ('DRAFT', 'SENT', 'ACCEPTED', 'ON_HOLD', 'IN_PROGRESS')))
            """;

    @Inject
    Jdbc jdbc;

    public List<UUID> inactiveSubjects(Instant cutoff, int limit) {
        return jdbc.query("select s.id from subject s where " + INACTIVE + " order by s.updated_at limit ?", ps -> {
            setInstant(ps, 1, cutoff);
            setInstant(ps, 2, cutoff);
            setInstant(ps, 3, cutoff);
            ps.setInt(4, limit);
        }, rs -> rs.getObject(1, UUID.class));
    }

    /** Locks her row and returns her organisation if she is still past retention. */
    public Optional<UUID> lockIfStillInactive(UUID subjectId, Instant cutoff) {
        return jdbc.one("select s.organisation_id from subject s where s.id = ? and " + INACTIVE + " for update of s", ps -> {
            ps.setObject(1, subjectId);
            setInstant(ps, 2, cutoff);
            setInstant(ps, 3, cutoff);
            setInstant(ps, 4, cutoff);
        }, rs -> rs.getObject(1, UUID.class));
    }

    public int purgeRunLog(Instant cutoff) {
        int n = 0;
        for (String sql : List.of("delete from retention_run where finished_at < ?",
                "delete from erasure_request where state <> 'PENDING' and decided_at < ?")) {
            n += jdbc.update(sql, ps -> setInstant(ps, 1, cutoff));
        }
        return n;
    }

    public void recordRun(RetentionService.Outcome o, Instant started, Instant finished) {
        jdbc.update("insert into retention_run (id, started_at, finished_at, data_class, action, affected, cutoff) "
                + "values (?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, UUID.randomUUID());
                    setInstant(ps, 2, started);
                    setInstant(ps, 3, finished);
                    ps.setString(4, o.dataClass());
                    ps.setString(5, o.action());
                    ps.setInt(6, o.affected());
                    setInstant(ps, 7, o.cutoff());
                });
    }

    /** The latest runs that did something, newest first. */
    public List<RetentionService.Outcome> recentRuns(int limit) {
        return jdbc.query("select data_class, action, affected, cutoff from retention_run "
                + "where affected > 0 order by finished_at desc limit ?", ps -> ps.setInt(1, limit),
                rs -> new RetentionService.Outcome(rs.getString(1), rs.getString(2), rs.getInt(3), instant(rs, "cutoff")));
    }
}
