package org.pathways.platform.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Access denials on {@code /q/metrics} (ADR 0078): {@code pathways_access_denials_total{status="401"|"403"}} — no valid
 * token, or a role or organisation that may not do this. A rise is a misconfigured client or someone probing; the
 * denial's who and what stay in the access logs and audit, never in a metric label.
 */
@Provider
public class DenialMetrics implements ContainerResponseFilter {

    @Inject
    MeterRegistry metrics;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status == 401 || status == 403) metrics.counter("pathways.access.denials", "status", String.valueOf(status)).increment();
    }
}
