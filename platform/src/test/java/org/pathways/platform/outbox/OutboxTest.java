package org.pathways.platform.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.StackManager;
import org.pathways.stack.testing.LocalStackTestResource;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The outbox against the real PostgreSQL and the real Kafka broker of the test stack. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "sandbox"))
class OutboxTest {

    @Inject
    SampleService service;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Test
    void committedEventIsPublishedWithTheSameIdAndKey() {
        UUID subject = UUID.randomUUID();
        EventEnvelope written = service.register(subject);

        ConsumerRecord<String, byte[]> record = awaitRecord(written.id());
        assertEquals(subject.toString(), record.key(), "the aggregate id is the Kafka key");
        EventEnvelope read = EventEnvelope.parse(record.value());
        assertEquals(written.id(), read.id());
        assertEquals(EventTypes.SUBJECT_REGISTERED, read.type());
        assertEquals(subject.toString(), read.subject());
        assertEquals("/platform-test", read.source().toString());
        assertEquals("application/cloudevents+json",
                new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8).split(";")[0]);
        await().atMost(Duration.ofSeconds(10)).until(() -> service.exists("outbox_event", "id", UUID.fromString(written.id()))
                && relayMarkedSent(written.id()));
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        UUID subject = UUID.randomUUID();
        EventEnvelope[] written = new EventEnvelope[1];
        assertThrows(IllegalStateException.class, () -> service.registerThenFail(subject, written));
        assertNotNull(written[0], "the event was written inside the transaction before it failed");
        assertFalse(service.exists("sample_thing", "id", subject), "state rolled back");
        assertFalse(service.exists("outbox_event", "id", UUID.fromString(written[0].id())), "event rolled back with it");

        // A later committed event on the same topic: once it is there, everything committed before it was relayed too.
        EventEnvelope marker = service.register(UUID.randomUUID());
        awaitRecord(marker.id());
        List<String> ids = idsOnTopic();
        assertTrue(ids.contains(marker.id()));
        assertFalse(ids.contains(written[0].id()), "an event of a rolled-back transaction reached Kafka");
    }

    @Test
    void eventCommittedWhileTheBrokerIsDownIsDeliveredWhenItReturns() throws Exception {
        StackManager stack = StackManager.forProfile("test");
        stack.stopComponent("kafka");
        EventEnvelope written;
        try {
            written = service.register(UUID.randomUUID());
            // The relay tries and fails while the broker is away; the event stays pending, nothing is lost.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> !relayMarkedSent(written.id()));
            assertTrue(relay.pending() >= 1);
            // The API stays in rotation (ADR 0081): ready, while wellness tells the operator the relay cannot publish.
            io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> io.restassured.RestAssured.given().get("/q/health/well").statusCode() == 503);
        } finally {
            stack.startComponent("kafka");
        }
        ConsumerRecord<String, byte[]> record = awaitRecord(written.id());
        assertEquals(written.subject(), record.key());
        await().atMost(Duration.ofSeconds(30)).until(() -> relayMarkedSent(written.id()));
        await().atMost(Duration.ofSeconds(10)).until(() -> io.restassured.RestAssured.given().get("/q/health/well").statusCode() == 200);
    }

    @Inject
    OpenTelemetry openTelemetry;

    /**
     * ADR 0077: the relay's raw producer used to publish without trace headers, so a consumer started a new trace. Now
     * the row keeps the writing transaction's traceparent and the record carries a child of it (the relay's span).
     */
    @Test
    void theEventCarriesTheTraceOfTheTransactionThatWroteIt() {
        Span request = openTelemetry.getTracer("outbox-test").spanBuilder("a request").startSpan();
        EventEnvelope written;
        try (Scope scope = request.makeCurrent()) {
            written = service.register(UUID.randomUUID());
        } finally {
            request.end();
        }
        String traceId = request.getSpanContext().getTraceId();
        String spanId = request.getSpanContext().getSpanId();
        assertTrue(QuarkusTransaction.requiringNew().call(() -> service.exists("outbox_event",
                "trace_parent like '00-" + traceId + "-" + spanId + "-%' and id", UUID.fromString(written.id()))),
                "the outbox row stores the writing span's traceparent");

        ConsumerRecord<String, byte[]> record = awaitRecord(written.id());
        String[] traceparent = header(record, "traceparent").split("-");
        assertEquals(4, traceparent.length);
        assertEquals(traceId, traceparent[1], "the record continues the request's trace");
        assertNotEquals(spanId, traceparent[2], "its parent is the relay's producer span, a child of the request's");
        assertEquals(request.getSpanContext().getTraceFlags().asHex(), traceparent[3], "the sampling decision is kept");
    }

    @Test
    void anEventWrittenOutsideATraceIsPublishedWithoutTraceHeaders() {
        EventEnvelope written = QuarkusTransaction.requiringNew().call(() -> {
            try (Scope none = Context.root().makeCurrent()) {
                return service.register(UUID.randomUUID());
            }
        });
        ConsumerRecord<String, byte[]> record = awaitRecord(written.id());
        assertNull(record.headers().lastHeader("traceparent"));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        assertNotNull(h, "header " + name);
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void anEventWithPersonalDataIsRefusedBeforeItIsStored() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                outbox.publish(SampleService.TOPIC, EventTypes.SUBJECT_REGISTERED, UUID.randomUUID().toString(), Map.of(
                        "subjectId", UUID.randomUUID().toString(),
                        "organisationId", UUID.randomUUID().toString(),
                        "occurredAt", "2026-11-22T10:00:00Z",
                        "name", "Jane Canary"))));
        assertTrue(e.getMessage().contains("name"), e.getMessage());
        assertFalse(e.getMessage().contains("Jane Canary"), "the refusal must not echo the value");
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        assertThrows(jakarta.transaction.TransactionalException.class, () -> outbox.publish(SampleService.TOPIC,
                EventTypes.SUBJECT_REGISTERED, "x", Map.of()));
    }

    private boolean relayMarkedSent(String id) {
        return QuarkusTransaction.requiringNew().call(() -> service.exists("outbox_event",
                "sent_at is not null and id", UUID.fromString(id)));
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String eventId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> find(eventId), Optional::isPresent).orElseThrow();
    }

    private static Optional<ConsumerRecord<String, byte[]>> find(String eventId) {
        return TopicReader.readToEnd(SampleService.TOPIC).stream()
                .filter(r -> EventEnvelope.parse(r.value()).id().equals(eventId)).findFirst();
    }

    private static List<String> idsOnTopic() {
        return TopicReader.readToEnd(SampleService.TOPIC).stream().map(r -> EventEnvelope.parse(r.value()).id())
                .collect(Collectors.toList());
    }
}
