package org.pathways.directory.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.pathways.directory.config.DirectoryConfig;
import org.pathways.directory.domain.CapacityStatus;

import io.quarkus.scheduler.Scheduled;

/**
 * Announces capacity nobody has confirmed for longer than {@code pathways.directory.capacity-stale-after}
 * ({@code pathways.directory.capacity.stale}, ids and codes only), so notification-service can ask the organisation's
 * admins to confirm it. Once per stale period per service: the announcement time is stored on the row in the same
 * transaction as the outbox event; the next announcement for the same service comes one full period later unless the
 * capacity is confirmed in between (ADR 0013). Rows are claimed with {@code for update skip locked}, so several
 * instances never announce the same period twice. The version is left alone: an admin's concurrent edit is unaffected.
 */
@ApplicationScoped
public class CapacityStaleJob {

    private static final Logger LOG = Logger.getLogger(CapacityStaleJob.class);
    static final int BATCH = 200;

    @Inject
    EntityManager em;

    @Inject
    DirectoryConfig config;

    @Inject
    DirectoryEvents events;

    @Scheduled(every = "${pathways.directory.capacity-stale-check.every:15m}",
            delayed = "${pathways.directory.capacity-stale-check.delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int total = 0;
            int n;
            do {
                n = announceBatch();
                total += n;
            } while (n == BATCH);
            if (total > 0) LOG.infof("capacity stale: %d services announced", total);
        } catch (RuntimeException e) {
            LOG.warnf("capacity stale run failed, will retry: %s", e.getClass().getSimpleName());
        }
    }

    /** Announces up to {@link #BATCH} services whose current stale period has not been announced; returns how many. */
    @Transactional
    public int announceBatch() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("""
                select id, organisation_id, capacity_status, capacity_updated_at, version from service
                where status = 'active'
                  and greatest(capacity_updated_at, coalesce(capacity_stale_alerted_at, capacity_updated_at)) < ?1
                order by capacity_updated_at, id
                limit ?2
                for update skip locked
                """).setParameter(1, now.minus(config.capacityStaleAfter())).setParameter(2, BATCH).getResultList();
        for (Object[] row : due) {
            UUID id = (UUID) row[0];
            em.createNativeQuery("update service set capacity_stale_alerted_at = ?1 where id = ?2")
                    .setParameter(1, now).setParameter(2, id).executeUpdate();
            events.capacityStale(id, (UUID) row[1], CapacityStatus.valueOf((String) row[2]), toOffset(row[3]),
                    ((Number) row[4]).longValue());
        }
        return due.size();
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime o) return o.withOffsetSameInstant(ZoneOffset.UTC);
        if (value instanceof java.time.Instant i) return i.atOffset(ZoneOffset.UTC);
        if (value instanceof java.sql.Timestamp t) return t.toInstant().atOffset(ZoneOffset.UTC);
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
