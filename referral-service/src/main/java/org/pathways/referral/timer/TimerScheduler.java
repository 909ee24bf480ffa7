package org.pathways.referral.timer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Polls for due timers on every instance; the skip-locked claim keeps instances from firing the same timer. */
@ApplicationScoped
public class TimerScheduler {

    private static final Logger LOG = Logger.getLogger(TimerScheduler.class);

    @Inject
    TimerFiring firing;

    @Inject
    TimerConfig config;

    @Scheduled(every = "${pathways.referral.timers.poll-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.enabled()) return;
        try {
            firing.fireDue(config.batchSize());
        } catch (RuntimeException e) {
            // Ids and exception types only; the next poll retries whatever did not commit.
            LOG.warnf("timer poll failed (%s); retrying at the next poll", e.getClass().getSimpleName());
        }
    }
}
