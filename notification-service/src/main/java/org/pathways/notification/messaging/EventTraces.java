package org.pathways.notification.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.pathways.platform.tracing.TraceContext;

import io.opentelemetry.context.Context;

/**
 * The trace context of each event of the batch this thread is applying (ADR 0077): events are applied many to a
 * transaction, so no one event's span is current; what a single event causes later (a webhook delivery) looks its
 * trace up here by event id.
 */
public final class EventTraces {

    private static final ThreadLocal<Map<String, TraceContext>> BATCH = new ThreadLocal<>();

    private EventTraces() {
    }

    /** Runs {@code work} with these events' trace contexts available to {@link #of}. */
    static <T> T during(Map<String, TraceContext> traces, Supplier<T> work) {
        Map<String, TraceContext> previous = BATCH.get();
        BATCH.set(traces);
        try {
            return work.get();
        } finally {
            if (previous == null) BATCH.remove();
            else BATCH.set(previous);
        }
    }

    static Map<String, TraceContext> collect(Map<String, Context> byEventId) {
        Map<String, TraceContext> m = new HashMap<>();
        byEventId.forEach((id, ctx) -> {
            TraceContext t = TraceContext.of(ctx);
            if (t != null) m.put(id, t);
        });
        return m;
    }

    /** The trace of the event being applied, else the current span's, else null. */
    public static TraceContext of(String eventId) {
        Map<String, TraceContext> batch = BATCH.get();
        TraceContext t = batch == null ? null : batch.get(eventId);
        return t != null ? t : TraceContext.current();
    }
}
