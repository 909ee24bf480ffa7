package org.pathways.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Traces in the test stack (ADR 0077): its services export spans over OTLP/HTTP to a receiver the system tests run on
 * {@link #otlpPort}, but record only traces a caller asked for (a sampled {@code traceparent}): new traces are not
 * sampled, so the other journeys export nothing and no exporter fails while no receiver listens. The demo exports
 * nothing (no endpoint; docs/operations.md says how to point a service at a collector).
 */
public final class StackTracing {

    private StackTracing() {
    }

    /** base+318 (after OTLP/HTTP's usual 4318): clear of the services' instances (base+2xx) and PostgreSQL (+432). */
    public static int otlpPort(StackLayout layout) {
        return layout.portBase() + 318;
    }

    public static String otlpEndpoint(StackLayout layout) {
        return "http://127.0.0.1:" + otlpPort(layout);
    }

    /** What a service process of the stack is configured with: nothing in the demo. */
    static Map<String, String> serviceConfig(StackLayout layout) {
        Map<String, String> c = new LinkedHashMap<>();
        if (!layout.profile().equals("test")) return c;
        c.put("quarkus.otel.exporter.otlp.traces.endpoint", otlpEndpoint(layout));
        c.put("pathways.tracing.sample-ratio", "0");
        // Spans reach the receiver within a second of ending (the default waits five).
        c.put("quarkus.otel.bsp.schedule.delay", "500ms");
        return c;
    }
}
