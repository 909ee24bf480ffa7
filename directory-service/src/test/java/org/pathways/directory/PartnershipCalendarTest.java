package org.pathways.directory;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.platform.testing.Requests.as;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.directory.service.DemoDataLoader;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 17, item 7 (ADR 0076, amended): the lead's partnership admin sets and clears the partnership's reporting calendar
 * through the API; members that do not lead, strangers and other roles are refused; bad input is a 400 per field and
 * changes nothing; each change is one {@code partnership.changed} CALENDAR_CHANGED, an unchanged one none.
 * Works on a partnership of its own, removed at the end, so no other test sees FWT or MWNUK in one more partnership.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class PartnershipCalendarTest {

    private static final String LEAD = "fwt.partnership-admin1";

    private static List<EventEnvelope> calendarEvents(String partnershipId) {
        return TopicReader.readToEnd(Topics.DIRECTORY_EVENTS).stream().filter(r -> partnershipId.equals(r.key()))
                .map(r -> EventEnvelope.parse(r.value()))
                .filter(e -> "CALENDAR_CHANGED".equals(e.data().path("change").asText())).toList();
    }

    @Test
    void theLeadSetsAndClearsTheCalendarAndEachChangeIsOneEvent() {
        String id = as(LEAD).body(Map.of("name", "Calendar partnership " + UUID.randomUUID()))
                .post("/api/partnerships").then().statusCode(201).body("reportingCalendar", nullValue())
                .extract().path("id");
        String path = "/api/partnerships/" + id + "/reporting-calendar";
        try {
            as(LEAD).body(Map.of("reportingPeriod", "P3M", "reportingAnchor", "2026-01-01")).put(path).then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("reportingCalendar.reportingPeriod", equalTo("P3M"))
                    .body("reportingCalendar.reportingAnchor", equalTo("2026-01-01"));
            as(LEAD).get("/api/partnerships/" + id).then().statusCode(200)
                    .body("reportingCalendar.reportingPeriod", equalTo("P3M"));
            // The same calendar again: answered, nothing published.
            as(LEAD).body(Map.of("reportingPeriod", "P3M", "reportingAnchor", "2026-01-01")).put(path).then().statusCode(200);
            as(LEAD).body(Map.of("reportingPeriod", "P12M", "reportingAnchor", "2026-04-01")).put(path).then().statusCode(200)
                    .body("reportingCalendar.reportingPeriod", equalTo("P12M"));
            as(LEAD).delete(path).then().statusCode(204);
            as(LEAD).get("/api/partnerships/" + id).then().statusCode(200).body("reportingCalendar", nullValue());
            as(LEAD).delete(path).then().statusCode(204); // already the default: nothing published

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> calendarEvents(id).size() >= 3);
            List<EventEnvelope> events = calendarEvents(id);
            assertEquals(3, events.size(), "one event per change, none for an unchanged calendar: " + events);
            long previous = -1;
            for (EventEnvelope e : events) {
                assertEquals(EventTypes.DIRECTORY_PARTNERSHIP_CHANGED, e.type());
                assertTrue(EventSchemas.isValid(e.type(), e.data()), e.data().toString());
                assertTrue(e.data().path("version").asLong() > previous, "versions grow with each change");
                previous = e.data().path("version").asLong();
            }
        } finally {
            as(LEAD).delete("/api/partnerships/" + id).then().statusCode(204);
        }
    }

    @Test
    void othersAreRefusedAndBadInputChangesNothing() {
        String id = as(LEAD).body(Map.of("name", "Calendar refusals " + UUID.randomUUID()))
                .post("/api/partnerships").then().statusCode(201).extract().path("id");
        String mwnuk = DemoDataLoader.MWNUK.toString();
        String path = "/api/partnerships/" + id + "/reporting-calendar";
        Map<String, String> quarterly = Map.of("reportingPeriod", "P3M", "reportingAnchor", "2026-01-01");
        try {
            as(LEAD).body(Map.of("organisationId", mwnuk)).post("/api/partnerships/" + id + "/members").then().statusCode(201);
            // A member's partnership admin that does not lead it; a partnership admin of no member; another role.
            as("mwnuk.partnership-admin1").body(quarterly).put(path).then().statusCode(403)
                    .contentType(startsWith("application/problem+json"));
            as("mwnuk.partnership-admin1").delete(path).then().statusCode(403);
            as("sbs.partnership-admin1").body(quarterly).put(path).then().statusCode(404);
            as("fwt.caseworker1").body(quarterly).put(path).then().statusCode(403);
            as(LEAD).body(quarterly).put("/api/partnerships/" + UUID.randomUUID() + "/reporting-calendar").then().statusCode(404);

            as(LEAD).body(Map.of("reportingPeriod", "P2M", "reportingAnchor", "2026-01-01")).put(path).then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("reportingPeriod"));
            as(LEAD).body(Map.of("reportingAnchor", "2026-01-01")).put(path).then().statusCode(400)
                    .body("errors.field", hasItem("reportingPeriod"));
            as(LEAD).body(Map.of("reportingPeriod", "P3M", "reportingAnchor", "2026-01-15")).put(path).then().statusCode(400)
                    .body("errors.field", hasItem("reportingAnchor"));
            as(LEAD).body(Map.of("reportingPeriod", "P3M", "reportingAnchor", "1 January")).put(path).then().statusCode(400)
                    .body("errors.field", hasItem("reportingAnchor"));
            as(LEAD).body(Map.of("reportingPeriod", "P3M", "reportingAnchor", "2026-01-01", "extra", "x")).put(path)
                    .then().statusCode(400);
            as(LEAD).put(path).then().statusCode(400);

            as(LEAD).get("/api/partnerships/" + id).then().statusCode(200).body("reportingCalendar", nullValue());
            // Give a wrongly published event the time to arrive: a later, allowed change is published after any of them.
            as(LEAD).body(quarterly).put(path).then().statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !calendarEvents(id).isEmpty());
            assertEquals(1, calendarEvents(id).size(), "no event for a refused change");
        } finally {
            as(LEAD).delete("/api/partnerships/" + id + "/members/" + mwnuk).then().statusCode(204);
            as(LEAD).delete("/api/partnerships/" + id).then().statusCode(204);
        }
    }
}
