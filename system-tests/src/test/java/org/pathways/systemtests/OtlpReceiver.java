package org.pathways.systemtests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * A local OTLP/HTTP receiver (protobuf, what Quarkus' exporter sends with {@code http/protobuf}): it accepts
 * {@code POST /v1/traces} from the test stack's services and keeps every span, decoded with the OpenTelemetry proto
 * classes. No collector, no mock: the services' real exporters talk to it.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span, flattened: ids as lowercase hex, the exporting service, string attributes. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
            Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
                if ("gzip".equalsIgnoreCase(encoding)) {
                    try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(body))) {
                        body = gz.readAllBytes();
                    }
                }
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/v1/traces")
                        || type == null || !type.startsWith("application/x-protobuf")) {
                    receiver.refused.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + type);
                    exchange.sendResponseHeaders(415, -1);
                    return;
                }
                receiver.accept(ExportTraceServiceRequest.parseFrom(body));
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) exchange.getResponseBody().write(answer);
            }
        });
        server.start();
        return receiver;
    }

    private void accept(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String service = attribute(rs.getResource(), "service.name");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
                    spans.add(new ReceivedSpan(service, hex.formatHex(s.getTraceId().toByteArray()),
                            hex.formatHex(s.getSpanId().toByteArray()), hex.formatHex(s.getParentSpanId().toByteArray()),
                            s.getName(), s.getKind().name(), attributes(s.getAttributesList())));
                }
            }
        }
    }

    private static String attribute(Resource resource, String key) {
        return attributes(resource.getAttributesList()).get(key);
    }

    private static Map<String, String> attributes(List<KeyValue> kvs) {
        return kvs.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().hasStringValue()
                ? kv.getValue().getStringValue() : kv.getValue().hasIntValue() ? String.valueOf(kv.getValue().getIntValue())
                : kv.getValue().toString().trim(), (a, b) -> b));
    }

    List<ReceivedSpan> spans(String traceId) {
        return new ArrayList<>(spans.stream().filter(s -> s.traceId().equals(traceId)).toList());
    }

    List<ReceivedSpan> all() {
        return List.copyOf(spans);
    }

    /** Requests that were not OTLP/HTTP protobuf trace exports (should stay empty). */
    List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
