package org.pathways.platform.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.smallrye.config.ConfigValue;

/** The tracing rules of ADR 0077 on plain objects: what is stored and carried, and when spans are recorded. */
class TracingRulesTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN = "00f067aa0ba902b7";

    @Test
    void aSpansContextRoundTripsAsTraceparentAndTracestate() {
        SpanContext span = SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.builder().put("vendor", "x1").build());
        TraceContext text = TraceContext.of(Context.root().with(Span.wrap(span)));
        assertEquals("00-" + TRACE + "-" + SPAN + "-01", text.traceparent());
        assertEquals("vendor=x1", text.tracestate());
        SpanContext back = Span.fromContext(text.toContext()).getSpanContext();
        assertEquals(TRACE, back.getTraceId());
        assertEquals(SPAN, back.getSpanId());
        assertTrue(back.isRemote() && back.isSampled());
    }

    @Test
    void noSpanNoTraceContext() {
        assertNull(TraceContext.of(Context.root()));
    }

    @Test
    void aMalformedOrMissingTraceparentStartsANewTrace() {
        for (String bad : new String[] {null, "", "00-zz-yy-01", "00-" + TRACE + "-" + SPAN, "Jane Canary"}) {
            assertFalse(Span.fromContext(TraceContext.extract(bad, "vendor=x")).getSpanContext().isValid(), String.valueOf(bad));
        }
    }

    @Test
    void withoutAnEndpointNothingIsRecorded() {
        Sampler off = ExportSampler.choose(false, 1.0);
        assertEquals(SamplingDecision.DROP, decide(off, sampledParent()));
        assertEquals(SamplingDecision.DROP, decide(off, Context.root()));
    }

    @Test
    void withAnEndpointTheParentDecidesAndNewTracesFollowTheRatio() {
        Sampler zero = ExportSampler.choose(true, 0.0);
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(zero, sampledParent()), "a caller's sampled trace is followed");
        assertEquals(SamplingDecision.DROP, decide(zero, Context.root()), "ratio 0: no new trace is recorded");
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(ExportSampler.choose(true, 1.0), Context.root()));
    }

    @Test
    void onlyAConfiguredEndpointCounts() {
        assertTrue(ExportSampler.configured(value("http://collector:4318", 300)), "environment variable");
        assertTrue(ExportSampler.configured(value("http://collector:4318", 250)), "application.properties");
        assertFalse(ExportSampler.configured(value("http://localhost:4317/", Integer.MIN_VALUE)), "Quarkus' default");
        assertFalse(ExportSampler.configured(value(" ", 300)), "blank");
        assertFalse(ExportSampler.configured(value(null, 300)));
    }

    private static ConfigValue value(String raw, int ordinal) {
        return ConfigValue.builder().withName(ExportSampler.TRACES_ENDPOINT).withValue(raw).withRawValue(raw)
                .withConfigSourceOrdinal(ordinal).build();
    }

    private static Context sampledParent() {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE, SPAN, TraceFlags.getSampled(),
                TraceState.getDefault())));
    }

    private static SamplingDecision decide(Sampler sampler, Context parent) {
        return sampler.shouldSample(parent, TRACE, "span", SpanKind.SERVER, Attributes.empty(), List.of()).getDecision();
    }
}
