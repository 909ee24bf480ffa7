package org.pathways.referral.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Runs retention on a schedule ({@code pathways.retention.every}); a failed pass is retried by the next one. */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    @Inject
    RetentionService retention;

    @Scheduled(every = "${pathways.retention.every}", delayed = "${pathways.retention.first-after:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void run() {
        try {
            retention.run(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("retention pass failed (%s); the next pass retries", e.getClass().getName());
        }
    }
}
