package org.pathways.referral.report;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.register;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.COVENTRY;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.vocab.EqualityMonitoring;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.referral.domain.report.DisclosureControl;
import org.pathways.referral.domain.report.PublishedTable;
import org.pathways.referral.domain.report.ReportingPeriods;
import org.pathways.referral.testing.SmallTables;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Issue 17, item 6 (ADR 0074) against the real stack: SWEMWBS at the start and later and equality monitoring, only with
 * her agreement, by her organisation (others 404; the rules are tried at Southall Black Sisters, outside Coventry, so
 * they never reach the Coventry report the second test reads), stored under her key (no answer in clear in the database), and in the
 * closed period's report only as suppressed aggregates that equal what the test put in.
 */
@QuarkusTest
@TestProfile(SupportPeriodReports.class)
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class MonitoringTest {

    private static final List<Integer> START = List.of(3, 3, 2, 3, 4, 3, 3); // raw 21, metric 19.25
    private static final List<Integer> LATER = List.of(4, 4, 4, 4, 4, 4, 4); // raw 28, metric 25.03

    @Inject
    AgroalDataSource db;

    private static String today() {
        return LocalDate.now(ZoneId.of("Europe/London")).toString();
    }

    private static Map<String, Object> measure(String timepoint, List<Integer> items) {
        return Map.of("timepoint", timepoint, "takenOn", today(), "items", items, "sheAgreed", true);
    }

    @Test
    void measuresAreTakenWithHerAgreementByHerOrganisationAndKeptUnderHerKey() {
        String subject = register("sbs.caseworker1");
        String wellbeing = "/api/subjects/" + subject + "/wellbeing";
        String equality = "/api/subjects/" + subject + "/equality-monitoring";

        // Bad input and refusals store nothing.
        as("sbs.caseworker1").body(Map.of("timepoint", "SOMETIME", "takenOn", LocalDate.now(ZoneId.of("Europe/London")).plusDays(1).toString(),
                "items", List.of(3, 3, 9))).post(wellbeing).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItems("timepoint", "takenOn", "items", "sheAgreed"));
        as("sbs.caseworker1").body(Map.of("timepoint", "START", "takenOn", today(), "items", List.of(3, 3, 6, 3, 3, 3, 0), "sheAgreed", true))
                .post(wellbeing).then().statusCode(400).body("errors.field", hasItems("items[2]", "items[6]"));
        as("sbs.caseworker1").body("{\"timepoint\":\"START\",\"takenOn\":\"" + today() + "\",\"items\":[3,3,3,3,3,3,3],\"sheAgreed\":true,"
                + "\"note\":\"she cried\"}").post(wellbeing).then().statusCode(400).body("type", endsWith("unknown-field"));
        as("sbs.caseworker1").body(measure("LATER", LATER)).post(wellbeing).then().statusCode(409).body("type", endsWith("no-start-measure"));
        as("crasac.caseworker1").body(measure("START", START)).post(wellbeing).then().statusCode(404);
        as("wbg.evaluator1").body(measure("START", START)).post(wellbeing).then().statusCode(403);
        assertEquals(0, count(db, "select count(*) from wellbeing_measure where subject_id = ?", uuid(subject)));

        as("sbs.caseworker1").body(measure("START", START)).post(wellbeing).then().statusCode(201)
                .body("rawTotal", equalTo(21)).body("metric", equalTo(19.25f)).body("timepoint", equalTo("START"));
        as("sbs.caseworker1").body(measure("START", START)).post(wellbeing).then().statusCode(409).body("type", endsWith("start-measured"));
        as("sbs.coordinator1").body(measure("LATER", LATER)).post(wellbeing).then().statusCode(201)
                .body("rawTotal", equalTo(28)).body("metric", equalTo(25.03f));
        as("sbs.caseworker1").get(wellbeing).then().statusCode(200).body("size()", equalTo(2))
                .body("[0].items", equalTo(START)).body("[1].metric", equalTo(25.03f));
        as("crasac.caseworker1").get(wellbeing).then().statusCode(404).contentType(startsWith("application/problem+json"));

        // Equality monitoring: every answer optional, "prefer not to say" an answer; unknown codes named.
        as("sbs.caseworker1").body(Map.of("ageBand", "THIRTIES", "disability", "MAYBE", "sheAgreed", true)).put(equality).then()
                .statusCode(400).body("errors.field", hasItems("ageBand", "disability"));
        as("sbs.caseworker1").body(Map.of("ageBand", "AGE_25_34")).put(equality).then().statusCode(400)
                .body("errors.field", hasItems("sheAgreed"));
        as("sbs.caseworker1").get(equality).then().statusCode(404);
        as("sbs.caseworker1").body(Map.of("ageBand", "AGE_25_34", "ethnicGroup", "PREFER_NOT_TO_SAY", "sheAgreed", true)).put(equality)
                .then().statusCode(200).body("version", equalTo(1)).body("ageBand", equalTo("AGE_25_34")).body("disability", nullValue());
        as("sbs.caseworker1").body(Map.of("ageBand", "AGE_25_34", "children", "YES_LIVING_WITH_HER", "sheAgreed", true)).put(equality)
                .then().statusCode(200).body("version", equalTo(2));
        as("sbs.caseworker1").get(equality).then().statusCode(200).body("version", equalTo(2))
                .body("children", equalTo("YES_LIVING_WITH_HER")).body("ethnicGroup", nullValue());
        as("crasac.caseworker1").get(equality).then().statusCode(404);

        // Under her key: no answer in clear, and each write and read audited.
        assertEquals(0, count(db, "select count(*) from wellbeing_measure where subject_id = ? and (position('rawTotal'::bytea in ciphertext) > 0 "
                + "or position('19.25'::bytea in ciphertext) > 0)", uuid(subject)));
        assertEquals(0, count(db, "select count(*) from equality_monitoring where subject_id = ? and position('AGE_25_34'::bytea in ciphertext) > 0",
                uuid(subject)));
        assertEquals(4, count(db, "select count(*) from access_audit where subject_id = ? and action = 'MONITORING_RECORDED'", uuid(subject)));
    }

    /**
     * Six women in one period: five measured at the start and later, one at the start only; equality monitoring for
     * all six. The report shows counts, and means only behind five; the age bands as published by the rule, a small
     * cell not derivable from the total.
     */
    @Test
    void theReportShowsOnlySuppressedAggregatesThatEqualWhatWasPutIn() {
        ReportingPeriods periods = ReportingPeriods.of(SupportPeriodReports.PERIOD, ShortReportPeriods.ANCHOR);
        // Enough of the current period left for the six women's ~3 s of writes (awaited, not slept). No other test's
        // answers share it: only this class and EndpointIsolationTest record wellbeing or equality answers in Coventry,
        // and Quarkus runs the classes of this profile together, long after that one (it groups classes by profile).
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> Duration.between(Instant.now(), periods.containing(Instant.now()).end()).toSeconds() >= 20);
        ReportingPeriods.Period period = periods.containing(Instant.now());
        List<String> bands = List.of("AGE_25_34", "AGE_25_34", "AGE_25_34", "AGE_25_34", "AGE_25_34", "AGE_45_54");
        for (int i = 0; i < 6; i++) {
            String subject = register("kairos.caseworker1");
            Map<String, Object> answers = new HashMap<>(Map.of("ageBand", bands.get(i), "sheAgreed", true));
            if (i == 0) answers.put("disability", "PREFER_NOT_TO_SAY");
            as("kairos.caseworker1").body(answers).put("/api/subjects/" + subject + "/equality-monitoring").then().statusCode(200);
            as("kairos.caseworker1").body(measure("START", START)).post("/api/subjects/" + subject + "/wellbeing").then().statusCode(201);
            if (i < 5) {
                as("kairos.caseworker1").body(measure("LATER", LATER)).post("/api/subjects/" + subject + "/wellbeing").then().statusCode(201);
            }
        }
        assertTrue(period.contains(Instant.now()), "the test's data did not fit in one reporting period; the machine is too slow");

        String path = "/api/reports/partnerships/" + COVENTRY + "/periods/" + period.id();
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() -> as("wbg.evaluator1").get(path).statusCode() == 200);
        JsonPath report = as("wbg.evaluator1").get(path).then().statusCode(200).extract().jsonPath();

        assertEquals("6", report.getString("wellbeing.startMeasures"));
        assertEquals("5", report.getString("wellbeing.laterMeasures"));
        assertEquals("5", report.getString("wellbeing.womenWithChange"));
        assertEquals(19.25, report.getDouble("wellbeing.meanAtStart"), 0.001);
        assertEquals(25.03, report.getDouble("wellbeing.meanLater"), 0.001);
        assertEquals(5.78, report.getDouble("wellbeing.meanChange"), 0.001);

        // The age bands equal what the rule publishes for the counts put in.
        List<String> rows = new ArrayList<>(java.util.Arrays.stream(EqualityMonitoring.AgeBand.values()).map(Enum::name).toList());
        rows.add("NOT_ANSWERED");
        long[][] counts = new long[rows.size()][1];
        counts[rows.indexOf("AGE_25_34")][0] = 5;
        counts[rows.indexOf("AGE_45_54")][0] = 1;
        PublishedTable expected = DisclosureControl.publish(rows, List.of("women"), counts, false, true);
        String t = "tables.equalityAgeBand.";
        assertEquals(rows, report.getList(t + "rowLabels"));
        assertEquals(expected.cells(), report.getList(t + "cells"));
        assertEquals("6", report.getString(t + "total"));
        List<List<String>> cells = report.getList(t + "cells");
        assertEquals("<5", cells.get(rows.indexOf("AGE_45_54")).get(0));
        Set<Long> values = SmallTables.possibleValues(cells, report.getList(t + "rowTotals"), report.getList(t + "columnTotals"),
                report.getString(t + "total"), rows.indexOf("AGE_45_54"), 0, 6);
        assertTrue(values.size() > 1 && values.contains(1L), "the 1 is pinned down: " + values);
        // Disability: one "prefer not to say", five unanswered.
        String d = "tables.equalityDisability.";
        List<String> dRows = report.getList(d + "rowLabels");
        assertEquals(List.of("YES", "NO", "PREFER_NOT_TO_SAY", "NOT_ANSWERED"), dRows);
        assertEquals("<5", report.getString(d + "cells[2][0]"));

        String csv = as("wbg.evaluator1").get(path + "/csv").then().statusCode(200).extract().asString();
        assertTrue(csv.contains("wellbeing,womenWithChange,,5\r\n"), csv);
        assertTrue(csv.contains("wellbeing,meanChange,mean,5.78\r\n"), csv);
        assertTrue(csv.contains("equalityAgeBand,AGE_45_54,women,<5\r\n"), csv);
    }
}
