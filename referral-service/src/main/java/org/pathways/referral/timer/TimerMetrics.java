package org.pathways.referral.timer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.pathways.platform.metrics.DatabaseGauges;

import io.quarkus.runtime.StartupEvent;

/**
 * Timers due on {@code /q/metrics} (ADR 0078): open reminders, escalations and expiries whose time has come but which
 * no poller has fired yet. A few for a poll interval is normal; a count or an age that keeps growing means the pollers
 * are stuck or down, and women's referrals wait silently.
 * <ul>
 * <li>{@code pathways_referral_timers_due} — open timers with {@code due_at <= now()};</li>
 * <li>{@code pathways_referral_timers_oldest_due_age_seconds} — how long ago the oldest of them fell due (0 if none).</li>
 * </ul>
 */
@ApplicationScoped
public class TimerMetrics {

    @Inject
    DatabaseGauges gauges;

    void register(@Observes StartupEvent ev) {
        gauges.query("select count(*), coalesce(extract(epoch from now() - min(due_at)), 0) from referral_timer"
                + " where fired_at is null and cancelled_at is null and due_at <= now()", 2)
                .gauge("pathways.referral.timers.due", 0, "Open referral timers that are due and not yet fired")
                .seconds("pathways.referral.timers.oldest.due.age", 1, "How long ago the oldest unfired due timer fell due");
    }
}
