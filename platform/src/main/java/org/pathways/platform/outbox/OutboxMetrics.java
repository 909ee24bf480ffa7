package org.pathways.platform.outbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathways.platform.metrics.CachedQuery;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "pathways.metrics.database-gauges-max-age", defaultValue = "5S")
    Duration maxAge;

    void register(@Observes StartupEvent ev) {
        CachedQuery lag = new CachedQuery(dataSource, "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)"
                + " from outbox_event where sent_at is null", 2, maxAge);
        Gauge.builder("pathways.outbox.pending", lag, q -> q.get(0))
                .description("Events committed and not yet published to Kafka").strongReference(true).register(metrics);
        Gauge.builder("pathways.outbox.oldest.pending.age", lag, q -> q.get(1)).baseUnit("seconds")
                .description("How long the oldest unpublished event has waited").strongReference(true).register(metrics);
    }
}
