package org.pathways.platform.tracing;

import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.logging.Logger;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Which spans are recorded, and so exported (ADR 0077). Traces always exist — every request and event has a trace id,
 * propagated over HTTP and Kafka and written in log lines — but spans are <em>recorded</em> only when an OTLP endpoint
 * is configured ({@code quarkus.otel.exporter.otlp[.traces].endpoint}, e.g. {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}).
 * Without one nothing is recorded, so the exporter never tries its default address and logs no failures.
 *
 * <p>With an endpoint: a span follows its parent's decision (a caller's sampled {@code traceparent}, the outbox row's),
 * and a new trace is sampled with probability {@code pathways.tracing.sample-ratio} (default 1).
 *
 * <p>Quarkus takes a CDI {@link Sampler} bean in place of its configured one ({@code quarkus.otel.traces.sampler} is
 * fixed at build time, so it cannot be switched per environment).
 */
@Singleton
public class ExportSampler implements Sampler {

    private static final Logger LOG = Logger.getLogger(ExportSampler.class);

    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    static final String RATIO = "pathways.tracing.sample-ratio";

    private final Sampler delegate;
    private final boolean exporting;

    public ExportSampler() {
        Config config = ConfigProvider.getConfig();
        exporting = configured(config.getConfigValue(TRACES_ENDPOINT)) || configured(config.getConfigValue(ENDPOINT));
        double ratio = config.getOptionalValue(RATIO, Double.class).orElse(1.0);
        delegate = choose(exporting, ratio);
        LOG.infof("tracing: %s", exporting ? "spans exported over OTLP (" + delegate.getDescription() + ")"
                : "no OTLP endpoint configured, spans are not recorded (trace ids still propagated and logged)");
    }

    /** The sampler for an environment: off without an endpoint, else parent-based with a ratio for new traces. */
    static Sampler choose(boolean exporting, double ratio) {
        if (!exporting) return Sampler.alwaysOff();
        return Sampler.parentBased(Sampler.traceIdRatioBased(Math.max(0.0, Math.min(1.0, ratio))));
    }

    /**
     * Set by an operator or a deployment (any real configuration source: ordinal 100 and up), not Quarkus' built-in
     * default {@code http://localhost:4317}, which sits in a default-values source below them.
     */
    static boolean configured(ConfigValue value) {
        return value != null && value.getRawValue() != null && !value.getRawValue().isBlank()
                && value.getSourceOrdinal() >= 100;
    }

    public boolean exporting() {
        return exporting;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "PathwaysExportSampler{" + delegate.getDescription() + "}";
    }
}
