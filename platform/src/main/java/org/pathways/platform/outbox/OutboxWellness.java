package org.pathways.platform.outbox;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;

/**
 * Kafka's state as the operator needs it, without taking the REST API out of rotation (ADR 0081): a broker outage does
 * not fail readiness — the outbox absorbs it, sends and reads keep working — but {@code /q/health/well} says the relay
 * cannot publish and how many events wait. Alerts read this and {@code pathways_outbox_publish_failures_total}.
 */
@Wellness
@ApplicationScoped
public class OutboxWellness implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        var r = HealthCheckResponse.named("Outbox relay (Kafka publishing)").status(relay.publishing());
        try {
            r.withData("pending", relay.pending());
        } catch (SQLException e) {
            r.withData("pending", "unknown");
        }
        return r.build();
    }
}
