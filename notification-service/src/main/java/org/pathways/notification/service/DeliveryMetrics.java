package org.pathways.notification.service;

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
 * Deliveries on {@code /q/metrics} (ADR 0078): webhook deliveries and e-mails waiting, and those given up on after
 * their retries (FAILED: the delivery's dead letters, kept for an operator).
 * <ul>
 * <li>{@code pathways_notification_webhook_deliveries{status="pending"|"failed"}}</li>
 * <li>{@code pathways_notification_emails{status="pending"|"failed"}}</li>
 * </ul>
 */
@ApplicationScoped
public class DeliveryMetrics {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "pathways.metrics.database-gauges-max-age", defaultValue = "5S")
    Duration maxAge;

    void register(@Observes StartupEvent ev) {
        CachedQuery q = new CachedQuery(dataSource, "select"
                + " (select count(*) from webhook_delivery where status = 'PENDING'),"
                + " (select count(*) from webhook_delivery where status = 'FAILED'),"
                + " (select count(*) from email_outbox where status = 'PENDING'),"
                + " (select count(*) from email_outbox where status = 'FAILED')", 4, maxAge);
        Gauge.builder("pathways.notification.webhook.deliveries", q, c -> c.get(0)).tag("status", "pending").strongReference(true).register(metrics);
        Gauge.builder("pathways.notification.webhook.deliveries", q, c -> c.get(1)).tag("status", "failed").strongReference(true).register(metrics);
        Gauge.builder("pathways.notification.emails", q, c -> c.get(2)).tag("status", "pending").strongReference(true).register(metrics);
        Gauge.builder("pathways.notification.emails", q, c -> c.get(3)).tag("status", "failed").strongReference(true).register(metrics);
    }
}
