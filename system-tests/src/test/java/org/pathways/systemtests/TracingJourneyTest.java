package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.JourneySupport.CELC;
import static org.pathways.systemtests.JourneySupport.CELC_IMMIGRATION;
import static org.pathways.systemtests.JourneySupport.awaitInbox;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referral;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.userId;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import com.sun.net.httpserver.HttpServer;
import org.pathways.stack.StackLayout;
import org.pathways.stack.StackManager;
import org.pathways.stack.StackTracing;
import org.pathways.systemtests.OtlpReceiver.ReceivedSpan;
import org.pathways.stack.testing.StackInfo;

/**
 * Issue 19, ADR 0077: one send is one connected trace across the services — the referral request in referral-service
 * (and its calls to consent- and directory-service), the outbox relay's publish to Kafka, and notification-service
 * applying the event that tells CELC's single point of contact, then sending her e-mail and Kairos' webhook for it. The services export over OTLP/HTTP to a receiver in
 * this test; the test stack records only traces a caller asked for, so this request carries a sampled traceparent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracingJourneyTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    static final List<String> CELC_SECTIONS = List.of("SAFE_CONTACT", "NEEDS", "IMMIGRATION");

    @Test
    @Order(1) // its "nothing else was exported" must not see the dashboard test's spans
    void oneSendIsOneConnectedTraceFromTheRequestToTheSpocsNotification() throws Exception {
        StackLayout layout = StackManager.forProfile("test").layout();
        Instant start = Instant.now().minusSeconds(5);
        String worker = userId("kairos.caseworker1");
        // Kairos' webhook receiver: the delivery of the sent event must arrive in the same trace.
        List<String[]> hooks = new CopyOnWriteArrayList<>(); // traceparent, body
        HttpServer hookServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hookServer.createContext("/hook", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                hooks.add(new String[] {exchange.getRequestHeaders().getFirst("traceparent"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)});
                exchange.sendResponseHeaders(204, -1);
            }
        });
        hookServer.start();
        // CELC's SPOC takes e-mails: hers for the sent event must go in the same trace (put back as it was after).
        String preferences = Journey.url("notification", "/api/preferences/email");
        boolean emailWas = Journey.as("celc.coordinator1").get(preferences).then().statusCode(200).extract().path("enabled");
        Journey.as("celc.coordinator1").body(Map.of("enabled", true)).put(preferences).then().statusCode(200);
        String subscription = Journey.as("kairos.admin1").body(Map.of("url", "http://127.0.0.1:" + hookServer.getAddress().getPort()
                + "/hook", "eventTypes", List.of("pathways.referral.sent"))).post(Journey.url("notification", "/api/webhooks/subscriptions"))
                .then().statusCode(201).extract().path("id");
        try (OtlpReceiver receiver = OtlpReceiver.start(StackTracing.otlpPort(layout))) {
            String subject = registerKnownToConsent("kairos.caseworker1");
            writeOnce("kairos.caseworker1", subject, "SAFE_CONTACT", "{\"doNotContact\":false,\"contactViaNamedWorkerOnly\":true,"
                    + "\"namedWorkerId\":\"" + worker + "\"}");
            writeOnce("kairos.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"legal-immigration\",\"status\":\"IDENTIFIED\"}]}");
            writeOnce("kairos.caseworker1", subject, "IMMIGRATION", "{\"noRecourseToPublicFunds\":true}");
            recordConsent("kairos.caseworker1", subject, Map.of(CELC, CELC_SECTIONS));

            // The caller's span (a client we do not export): its id is the trace's root parent.
            String traceId = randomHex(16);
            String root = randomHex(8);
            String id = Journey.as("kairos.caseworker1").header("traceparent", "00-" + traceId + "-" + root + "-01")
                    .body(referralBody(subject, CELC_IMMIGRATION, List.of("legal-immigration"), CELC_SECTIONS))
                    .post(referral("/api/referrals")).then().statusCode(201).extract().path("id");
            awaitInbox("celc.coordinator1", id, "REFERRAL_SENT", start);

            // The webhook of the sent event carries the trace to the partner's receiver.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> hooks.stream().anyMatch(h -> h[1].contains(id)));
            String[] hook = hooks.stream().filter(h -> h[1].contains(id)).findFirst().orElseThrow();
            assertTrue(hook[0] != null && hook[0].startsWith("00-" + traceId + "-"), "the webhook's traceparent: " + hook[0]);

            // Spans reach the receiver in batches: wait until notification-service's spans for the sent event and its
            // webhook are there and every span of the trace hangs off the root (late batches may still be on their way).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                List<ReceivedSpan> spans = receiver.spans(traceId);
                return notificationSpan(spans).isPresent() && webhookSpan(spans).isPresent() && emailSpan(spans).isPresent()
                        && unconnected(spans, root).isEmpty();
            });
            List<ReceivedSpan> spans = receiver.spans(traceId);
            Map<String, ReceivedSpan> byId = spans.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
            System.out.println("[tracing] trace " + traceId + ": " + spans.size() + " spans: " + spans.stream()
                    .map(s -> s.service() + " " + s.kind() + " '" + s.name() + "'").sorted().toList());

            Set<String> services = spans.stream().map(ReceivedSpan::service).collect(Collectors.toSet());
            assertTrue(services.containsAll(Set.of("referral-service", "consent-service", "notification-service")),
                    "the trace crosses the services over HTTP and Kafka: " + services);
            assertEquals(List.of(), unconnected(spans, root), "every span is connected to the request's trace");
            assertEquals(List.of(), receiver.refused(), "only OTLP/HTTP protobuf trace exports arrived");

            // The chain: notification's span <- the outbox relay's publish <- ... <- the send request <- the caller.
            ReceivedSpan applied = notificationSpan(spans).orElseThrow();
            assertEquals("CONSUMER", spanKind(applied));
            assertTrue(Integer.parseInt(applied.attributes().getOrDefault("pathways.notification.entries", "0")) >= 1,
                    "the event created inbox entries (the SPOC's): " + applied.attributes());
            List<ReceivedSpan> path = pathToRoot(applied, byId, root);
            ReceivedSpan publish = path.get(1);
            assertEquals("referral-service", publish.service());
            assertEquals("PRODUCER", spanKind(publish));
            assertEquals("referral.events publish", publish.name());
            ReceivedSpan request = path.get(path.size() - 1);
            assertEquals("referral-service", request.service());
            assertEquals("SERVER", spanKind(request));
            assertTrue(request.name().startsWith("POST"), request.name());
            assertTrue(spans.stream().anyMatch(s -> s.service().equals("consent-service") && spanKind(s).equals("SERVER")),
                    "referral-service's call to consent-service is in the trace");
            ReceivedSpan webhook = webhookSpan(spans).orElseThrow();
            assertEquals(applied.spanId(), webhook.parentSpanId(), "the webhook is sent in the trace of the event that caused it");
            assertEquals("204", webhook.attributes().get("http.response.status_code"));
            assertEquals(hook[0].split("-")[2], webhook.spanId(), "the receiver got the delivery span's context");
            ReceivedSpan email = emailSpan(spans).orElseThrow();
            assertEquals(applied.spanId(), email.parentSpanId(), "the SPOC's e-mail is sent in the trace of the event that caused it");
            assertEquals("SENT", email.attributes().get("pathways.email.outcome"));
            assertEquals("CLIENT", spanKind(email));
            assertTrue(email.attributes().keySet().stream().allMatch(k -> k.startsWith("pathways.")),
                    "ids and codes only on the e-mail span (no address): " + email.attributes());

            // Trace ids in log lines: the send's access-log line in referral-service's log carries the trace id.
            Path log = Path.of(StackInfo.get("logs")).resolve("referral-service.log");
            assertTrue(Files.readAllLines(log).stream().anyMatch(l -> l.contains("\"POST /api/referrals\" 201")
                    && l.contains("traceId=" + traceId)), "the access log line of the send names its trace");
            // Nothing else was exported: the test stack records only traces a caller asked for.
            assertEquals(Set.of(traceId), receiver.all().stream().map(ReceivedSpan::traceId).collect(Collectors.toSet()),
                    "only the sampled request's trace was exported");
        } finally {
            Journey.as("celc.coordinator1").body(Map.of("enabled", emailWas)).put(preferences);
            hookServer.stop(0);
            Journey.as("kairos.admin1").delete(Journey.url("notification", "/api/webhooks/subscriptions/" + subscription));
        }
    }

    private static Optional<ReceivedSpan> webhookSpan(List<ReceivedSpan> spans) {
        return spans.stream().filter(s -> s.service().equals("notification-service") && s.name().equals("webhook deliver")
                && "pathways.referral.sent".equals(s.attributes().get("pathways.event.type"))).findFirst();
    }

    /**
     * The dashboard traces too (issue 19): a page a signed-in caseworker opens is a SERVER span of the dashboard, and
     * the calls it makes with her token to the services are its CLIENT spans, each the parent of that service's SERVER
     * span — so an operator follows a click from the browser to the database. The browser sends a sampled traceparent
     * (the test stack records only traces a caller asked for).
     */
    @Test
    @Order(2)
    void aDashboardPageAndTheServiceCallsItMakesAreOneTrace() throws Exception {
        StackLayout layout = StackManager.forProfile("test").layout();
        try (OtlpReceiver receiver = OtlpReceiver.start(StackTracing.otlpPort(layout));
                BrowserContext browser = browsers.context()) {
            String traceId = randomHex(16);
            String root = randomHex(8);
            browser.setExtraHTTPHeaders(Map.of("traceparent", "00-" + traceId + "-" + root + "-01"));
            Page page = browser.newPage();
            BrowserSupport.signIn(page, "kairos.caseworker1"); // lands on My work: her queue, referrals and notices
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !dashboardCalls(receiver.spans(traceId)).isEmpty());
            List<ReceivedSpan> spans = receiver.spans(traceId);
            Map<String, ReceivedSpan> byId = spans.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
            System.out.println("[tracing] dashboard trace " + traceId + ": " + spans.size() + " spans: " + spans.stream()
                    .map(s -> s.service() + " " + s.kind() + " '" + s.name() + "'").sorted().toList());
            for (ReceivedSpan served : dashboardCalls(spans)) {
                ReceivedSpan call = byId.get(served.parentSpanId());
                assertEquals("CLIENT", spanKind(call), "the service's request is the dashboard's call");
                ReceivedSpan page2 = byId.get(call.parentSpanId());
                assertTrue(page2 != null && page2.service().equals("dashboard") && spanKind(page2).equals("SERVER")
                        && page2.parentSpanId().equals(root), "the call hangs off the page the browser asked for: " + page2);
            }
            assertTrue(spans.stream().allMatch(s -> s.attributes().values().stream().noneMatch(v -> v.contains("Bearer "))),
                    "no token in any span");
        }
    }

    /** The services' SERVER spans whose parent is a span of the dashboard (its call to them). */
    private static List<ReceivedSpan> dashboardCalls(List<ReceivedSpan> spans) {
        Set<String> dashboardSpans = spans.stream().filter(s -> s.service().equals("dashboard")).map(ReceivedSpan::spanId)
                .collect(Collectors.toSet());
        return spans.stream().filter(s -> s.service().endsWith("-service") && spanKind(s).equals("SERVER")
                && dashboardSpans.contains(s.parentSpanId())).toList();
    }

    private static Optional<ReceivedSpan> emailSpan(List<ReceivedSpan> spans) {
        return spans.stream().filter(s -> s.service().equals("notification-service") && s.name().equals("email send")
                && "USER".equals(s.attributes().get("pathways.email.recipient"))).findFirst();
    }

    private static Optional<ReceivedSpan> notificationSpan(List<ReceivedSpan> spans) {
        return spans.stream().filter(s -> s.service().equals("notification-service") && s.name().equals("referral.events process")
                && "pathways.referral.sent".equals(s.attributes().get("pathways.event.type"))).findFirst();
    }

    /** Spans whose parent is neither the root nor another span of the trace. */
    private static List<String> unconnected(List<ReceivedSpan> spans, String root) {
        Set<String> ids = spans.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        return spans.stream().filter(s -> !s.parentSpanId().equals(root) && !ids.contains(s.parentSpanId()))
                .map(s -> s.service() + " '" + s.name() + "' parent " + s.parentSpanId()).toList();
    }

    /** The span, its parent, ... up to the span whose parent is the root. */
    private static List<ReceivedSpan> pathToRoot(ReceivedSpan span, Map<String, ReceivedSpan> byId, String root) {
        List<ReceivedSpan> path = new ArrayList<>();
        ReceivedSpan s = span;
        while (true) {
            path.add(s);
            if (s.parentSpanId().equals(root)) return path;
            s = byId.get(s.parentSpanId());
            assertTrue(s != null && path.size() < 50, "broken chain at " + path.get(path.size() - 1));
        }
    }

    private static String spanKind(ReceivedSpan s) {
        return s.kind().replace("SPAN_KIND_", "");
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros (an invalid id)
        return HexFormat.of().formatHex(b);
    }
}
