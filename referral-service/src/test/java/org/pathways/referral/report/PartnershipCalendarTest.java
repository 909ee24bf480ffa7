package org.pathways.referral.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.ReferralFixtures.COVENTRY;
import static org.pathways.referral.ReferralFixtures.demoId;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.referral.domain.report.ReportingPeriods;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Issue 17, item 7 (ADR 0076) against the real stack: the reporting calendar is each partnership's, from the directory.
 * SMV's partners' own reader sees quarters; Coventry's evaluator six-month periods; the MWNUK network, with no calendar
 * of its own, the default. Each sees the open period provisionally on the same calendar, and no other partnership.
 */
@QuarkusTest
@TestProfile(PartnershipCalendars.class)
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class PartnershipCalendarTest {

    static final String SMV = demoId("partnership:smv");
    static final String MWNUK_NETWORK = demoId("partnership:mwnuk-casework");

    private static String periods(String partnership) {
        return "/api/reports/partnerships/" + partnership + "/periods";
    }

    @Test
    void eachPartnershipIsReportedOnItsOwnCalendar() {
        Instant now = Instant.now();
        ReportingPeriods quarterly = ReportingPeriods.of("P3M", Instant.parse("2026-01-01T00:00:00Z"));
        ReportingPeriods sixMonthly = ReportingPeriods.of("P6M", Instant.parse("2026-04-01T00:00:00Z"));

        // SMV: quarters, read by the partners' own admin (no SMV user could read a report before).
        JsonPath smv = as("sbs.partnership-admin1").get(periods(SMV)).then().statusCode(200).extract().jsonPath();
        ReportingPeriods.Period lastQuarter = quarterly.closed(Instant.EPOCH, now, 1).get(0);
        assertEquals(lastQuarter.id(), smv.getString("[0].id"));
        long days = Duration.between(Instant.parse(smv.getString("[0].start")), Instant.parse(smv.getString("[0].end"))).toDays();
        assertTrue(days >= 89 && days <= 92, "a quarter: " + days + " days");
        JsonPath report = as("sbs.partnership-admin1").get(periods(SMV) + "/" + lastQuarter.id()).then().statusCode(200).extract().jsonPath();
        assertEquals(lastQuarter.id(), report.getString("period.id"));
        JsonPath open = as("sbs.partnership-admin1").get("/api/reports/partnerships/" + SMV + "/provisional").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(quarterly.containing(Instant.now()).id(), open.getString("period.id"));
        // A made-up period is refused, naming the field.
        as("sbs.partnership-admin1").get(periods(SMV) + "/not-a-period").then().statusCode(400);

        // Coventry: six-monthly.
        JsonPath coventry = as("wbg.evaluator1").get(periods(COVENTRY)).then().statusCode(200).extract().jsonPath();
        assertEquals(sixMonthly.closed(Instant.EPOCH, now, 1).get(0).id(), coventry.getString("[0].id"));
        long half = Duration.between(Instant.parse(coventry.getString("[0].start")), Instant.parse(coventry.getString("[0].end"))).toDays();
        assertTrue(half >= 181 && half <= 184, "six months: " + half + " days");
        assertEquals(sixMonthly.containing(Instant.now()).id(), as("wbg.evaluator1").get("/api/reports/partnerships/" + COVENTRY
                + "/provisional").then().statusCode(200).extract().path("period.id"));

        // MWNUK's network has no calendar of its own: the default, six-monthly from 2020-04-01; its own admin reads it.
        ReportingPeriods fallback = ReportingPeriods.of("P6M", Instant.parse("2020-04-01T00:00:00Z"));
        as("mwnuk.partnership-admin1").get(periods(MWNUK_NETWORK)).then().statusCode(200)
                .body("[0].id", org.hamcrest.Matchers.equalTo(fallback.closed(Instant.EPOCH, now, 1).get(0).id()));

        // Nobody reads another partnership's figures.
        as("sbs.partnership-admin1").get(periods(COVENTRY)).then().statusCode(404);
        as("sbs.partnership-admin1").get("/api/reports/partnerships/" + COVENTRY + "/provisional").then().statusCode(404);
        as("mwnuk.partnership-admin1").get(periods(SMV)).then().statusCode(404);
    }
}
