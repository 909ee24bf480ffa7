package org.pathways.referral.report;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;

import org.pathways.referral.domain.report.ReportingPeriods;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Reporting periods of 60 seconds, so a test can fill one period with exactly its own data and see it close: it starts
 * in a young period ({@link #fresh}) and then waits for that period's report to be served ({@link #awaitReport}).
 */
public class ShortReportPeriods implements QuarkusTestProfile {

    static final String PERIOD = "PT60S";
    // Fixed, not "now": the profile and the test class may be loaded by different class loaders.
    static final Instant ANCHOR = Instant.parse("2026-01-01T00:00:00Z");
    static final ReportingPeriods PERIODS = ReportingPeriods.of(PERIOD, ANCHOR);
    /** How far into a period a test may still start filling it: the other 45 s are for its writes. */
    private static final Duration YOUNG = Duration.ofSeconds(15);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pathways.reports.period", PERIOD, "pathways.reports.anchor", ANCHOR.toString(),
                "pathways.reports.snapshot-every", "5s");
    }

    /**
     * The period a test fills with its own data: the current one while it is young and {@code clean} (nothing of an
     * earlier test written in it), else the next one, once it has begun.
     */
    static ReportingPeriods.Period fresh(BooleanSupplier clean) {
        ReportingPeriods.Period now = PERIODS.containing(Instant.now());
        if (Instant.now().isBefore(now.start().plus(YOUNG)) && clean.getAsBoolean()) return now;
        ReportingPeriods.Period next = PERIODS.containing(now.end());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> next.contains(Instant.now()));
        return next;
    }

    /** Waits until the period has closed and its report is served (an open period answers 409). */
    static void awaitReport(IntSupplier status) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> status.getAsInt() == 200);
    }

    /**
     * The period's figures without waiting for it to close where it is still open: the provisional report (ADR 0075: the
     * same computation and disclosure control) when it answers for this very period, else the closed period's report.
     * For tests of figures, not of closing (ReportsAndErasureTest reads closed, stored reports).
     *
     * @param get a reader's GET of a path under {@code /api/reports/partnerships/{id}}
     */
    static JsonPath figures(ReportingPeriods.Period period, Function<String, Response> get) {
        if (period.contains(Instant.now())) {
            Response open = get.apply("/provisional");
            if (open.statusCode() == 200 && period.id().equals(open.jsonPath().getString("period.id"))) return open.jsonPath();
        }
        awaitReport(() -> get.apply("/periods/" + period.id()).statusCode());
        return get.apply("/periods/" + period.id()).then().statusCode(200).extract().jsonPath();
    }
}
