package org.pathways.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** ADR 0077: the test stack's services export only requested traces to the system tests' receiver; the demo's none. */
class StackTracingTest {

    private static final StackLayout DEMO = new StackLayout("demo", Path.of("/r"), Path.of("/r/.pathways"), 15000);
    private static final StackLayout TEST = new StackLayout("test", Path.of("/r"), Path.of("/r/.pathways"), 25000);

    @Test
    void theTestStackExportsRequestedTracesToBasePlus318AndTheDemoExportsNothing() {
        for (StackLayout.ServiceSpec s : StackLayout.SERVICES) {
            Map<String, String> test = StackConfig.processConfig(TEST, s);
            assertEquals("http://127.0.0.1:25318", test.get("quarkus.otel.exporter.otlp.traces.endpoint"), s.name());
            assertEquals("0", test.get("pathways.tracing.sample-ratio"), s.name() + ": only a caller's sampled trace is recorded");
            assertTrue(StackConfig.processConfig(DEMO, s).keySet().stream().noneMatch(k -> k.startsWith("quarkus.otel.")
                    || k.startsWith("pathways.tracing.")), "demo " + s.name());
        }
        assertEquals(25318, StackTracing.otlpPort(TEST));
    }
}
