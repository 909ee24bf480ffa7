package org.pathways.referral.service;

import java.sql.SQLException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import org.pathways.platform.repository.Jdbc;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs retention on a schedule ({@code pathways.retention.every}); a failed pass is retried by the next one. One pass at
 * a time across all replicas: a pass runs only while it holds the retention advisory lock (ADR 0081), so with several
 * replicas each pass runs once and records one run, not one per replica.
 */
@ApplicationScoped
public class RetentionJob {

    /** Arbitrary constant naming the retention pass's advisory lock in this service's database. */
    public static final long LOCK = 0x5041_5448_5245_544EL;

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    @Inject
    RetentionService retention;

    @Inject
    Jdbc jdbc;

    @Scheduled(every = "${pathways.retention.every}", delayed = "${pathways.retention.first-after:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void run() {
        try {
            runOnce();
        } catch (RuntimeException | SQLException e) {
            LOG.warnf("retention pass failed (%s); the next pass retries", e.getClass().getName());
        }
    }

    /**
     * One pass if no other replica is running one; returns whether it ran. The lock is transaction-scoped on a
     * connection of its own, so it ends with that transaction — even if this process dies mid-pass.
     */
    public boolean runOnce() throws SQLException {
        return jdbc.whileHolding(LOCK, () -> {
            retention.run(Instant.now());
            return true;
        }).isPresent();
    }
}
