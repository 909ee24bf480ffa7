package org.pathways.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.pathways.platform.metrics.DatabaseGauges;

import io.quarkus.runtime.StartupEvent;

/**
 * Outbox lag on {@code /q/metrics} (ADR 0078): how many committed events wait to be published, and how long the oldest
 * has waited. Every replica of a service reports the same database, so dashboards and alerts take the max.
 * <ul>
 * <li>{@code pathways_outbox_pending} — events committed, not yet acknowledged by Kafka;</li>
 * <li>{@code pathways_outbox_oldest_pending_age_seconds} — age of the oldest of them (0 when none): the end-to-end
 * delay every consumer sees; it grows while Kafka is away or the relay is stuck.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxMetrics {

    @Inject
    DatabaseGauges gauges;

    void register(@Observes StartupEvent ev) {
        gauges.query("select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from outbox_event"
                + " where sent_at is null", 2)
                .gauge("pathways.outbox.pending", 0, "Events committed and not yet published to Kafka")
                .seconds("pathways.outbox.oldest.pending.age", 1, "How long the oldest unpublished event has waited");
    }
}
