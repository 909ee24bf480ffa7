package org.pathways.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;

/**
 * A real partner-system endpoint: an HTTP server on loopback that verifies every request's Standard Webhooks signature
 * with the reference library, records verified bodies, and answers 503 while told to fail.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(String webhookId, JsonNode body, String raw) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    final AtomicReference<String> secret = new AtomicReference<>();
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger badSignatures = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    WebhookReceiver() throws IOException {
        this("127.0.0.1");
    }

    /** Listening on {@code bind} ("0.0.0.0": every interface, so a delivery to any of the machine's addresses lands). */
    WebhookReceiver(String bind) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bind, 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String raw = new String(body, StandardCharsets.UTF_8);
            int status;
            if (failing.get()) {
                refused.incrementAndGet();
                status = 503;
            } else {
                Map<String, List<String>> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v));
                try {
                    new Webhook(secret.get()).verify(raw, headers);
                    received.add(new Received(headers.get("webhook-id").get(0), JSON.readTree(raw), raw));
                    status = 204;
                } catch (Exception e) {
                    badSignatures.incrementAndGet();
                    status = 400;
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Every request that reached it, verified or not. */
    int hits() {
        return received.size() + badSignatures.get() + refused.get();
    }

    List<Received> about(String referralId) {
        synchronized (received) {
            return received.stream().filter(r -> referralId.equals(r.body().path("data").path("referralId").asText())).toList();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
