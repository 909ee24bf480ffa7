package org.pathways.referral.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Writes the "ending soon" reminder of support periods (issue 17, item 1; ADR 0073) on every instance; the skip-locked
 * claim and the stored {@code reminded_for} keep it to one reminder per planned end.
 */
@ApplicationScoped
public class SupportPeriodReminders {

    private static final Logger LOG = Logger.getLogger(SupportPeriodReminders.class);

    @Inject
    SupportPeriodService service;

    @Scheduled(every = "${pathways.support.poll-interval:60s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            service.remindDue(50);
        } catch (RuntimeException e) {
            // The exception type only; the next poll retries whatever did not commit.
            LOG.warnf("support period reminder poll failed (%s); retrying at the next poll", e.getClass().getSimpleName());
        }
    }
}
