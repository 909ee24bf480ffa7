package org.pathways.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.pathways.platform.metrics.DatabaseGauges;

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
    DatabaseGauges gauges;

    void register(@Observes StartupEvent ev) {
        gauges.query("select"
                + " (select count(*) from webhook_delivery where status = 'PENDING'),"
                + " (select count(*) from webhook_delivery where status = 'FAILED'),"
                + " (select count(*) from email_outbox where status = 'PENDING'),"
                + " (select count(*) from email_outbox where status = 'FAILED')", 4)
                .gauge("pathways.notification.webhook.deliveries", 0, "Webhook deliveries by status", "status", "pending")
                .gauge("pathways.notification.webhook.deliveries", 1, "Webhook deliveries by status", "status", "failed")
                .gauge("pathways.notification.emails", 2, "E-mails by status", "status", "pending")
                .gauge("pathways.notification.emails", 3, "E-mails by status", "status", "failed");
    }
}
