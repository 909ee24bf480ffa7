package org.pathways.platform.tracing;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) of a span, as text that can be stored with an outbox
 * row and put on a Kafka record, and read back (ADR 0077). Only these two fields: baggage is never carried, since it
 * could hold anything a caller put there.
 *
 * @param traceparent e.g. {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}
 * @param tracestate  vendor keys, may be null
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private static final TextMapSetter<Map<String, String>> MAP_SETTER = (carrier, key, value) -> carrier.put(key, value);

    /** The current span's context, or null outside a trace (e.g. a scheduled job with no span). */
    public static TraceContext current() {
        return of(Context.current());
    }

    /** The context's span as text, or null when it has no valid span. */
    public static TraceContext of(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!span.isValid()) return null;
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(context, carrier, MAP_SETTER);
        String parent = carrier.get(TRACEPARENT);
        if (parent == null) return null;
        String state = carrier.get(TRACESTATE);
        return new TraceContext(parent, state == null || state.isEmpty() ? null : state);
    }

    /**
     * The remote parent these fields describe, on top of {@link Context#root()}; the root context when they are absent
     * or malformed (W3C rules: a bad traceparent is ignored, so a consumer starts a new trace rather than failing).
     */
    public static Context extract(String traceparent, String tracestate) {
        if (traceparent == null || traceparent.isBlank()) return Context.root();
        Map<String, String> carrier = new HashMap<>();
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null && !tracestate.isBlank()) carrier.put(TRACESTATE, tracestate);
        return W3C.extract(Context.root(), carrier, MAP_GETTER);
    }

    /** This context as a remote parent. */
    public Context toContext() {
        return extract(traceparent, tracestate);
    }
}
