package org.pathways.systemtests;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.Journey.as;
import static org.pathways.systemtests.Journey.url;
import static org.pathways.systemtests.JourneySupport.SBS;
import static org.pathways.systemtests.JourneySupport.awaitInbox;
import static org.pathways.systemtests.JourneySupport.demoId;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.putSection;
import static org.pathways.systemtests.JourneySupport.referral;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.sent;
import static org.pathways.systemtests.JourneySupport.userId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.vocab.ImmigrationStatus;
import org.pathways.referral.domain.report.CostSums;
import org.pathways.referral.domain.report.PublishedTable;
import org.pathways.referral.testing.SmallTables;
import org.pathways.systemtests.ProvisionalFigures.Period;

import io.restassured.path.json.JsonPath;

/**
 * Journey 9, issue 17 (ADRs 0063, 0064, 0073, 0075, 0076): a woman of the Support for Migrant Victims (SMV) partners from
 * entry to the funder's return, as the people would. Southall Black Sisters registers her with her IMMIGRATION
 * monitoring record (DDVC-eligible, no recourse to public funds, no leave on entering support), finds Birmingham &amp;
 * Solihull Women's Aid's SMV service by her eligibility and refers her there with her consent under the SMV agreement.
 * BSWA takes her up and starts support: 6 weeks, because she is DDVC-eligible (12 otherwise); asks for a 4-week
 * extension while her DDVC decision is awaited, which only its coordinator approves; records the subsistence and
 * casework it gave; and ends support when the concession gives her recourse to public funds; SBS, told, records her
 * status on leaving. Four more women go the same way, and BSWA turns one away without a record of her.
 *
 * <p>The return is the SMV report's figures for the open period, provisional (ADR 0075), read by SBS's partnership
 * admin: in production SMV reports quarterly (ADR 0076); the test stack's periods last 90 s for every partnership
 * (ADR 0070), so the journey waits for a fresh one and writes everything it counts inside it. It equals what the
 * journey put in under the disclosure rule, her small cells are not derivable, and it names nobody. BSWA's SMV service
 * is used by no other test, so even the stock of women still in support is known. Up to 90 s of it is
 * waiting for the period (83 s on the 2-core machine, 2026-12-07).
 */
class SmvSupportJourneyTest {

    static final String SMV = demoId("partnership:smv");
    static final String BSWA = "5e1f0000-0000-4000-8000-00000000000a";
    static final String BSWA_SMV = demoId("service:bswa-smv");
    static final String RETURN_READER = "sbs.partnership-admin1";
    static final ZoneId UK = ZoneId.of("Europe/London");
    static final int WOMEN = 5;
    static final long SUBSISTENCE_PENCE = 4000;
    static final long CASEWORK_PENCE = 12_500;
    /** Her own words, kept under her key: never in a report. */
    static final String HER_NOTES = "Her spouse visa was cancelled when she left him; the DDVC application is with the Home Office.";

    private static String today(int plusDays) {
        return LocalDate.now(UK).plusDays(plusDays).toString();
    }

    /** Her monitoring record on entering support; {@code leaving} adds her status on leaving it. */
    private static String immigration(String onEntering, boolean leaving) {
        return "{\"noRecourseToPublicFunds\":true,\"ddvcEligible\":true,\"applicationsInProgress\":[\"DDVC\"],"
                + "\"onEntryToUk\":{\"status\":\"LIMITED_LEAVE\",\"visa\":\"SPOUSE_OR_PARTNER\"},"
                + "\"onEnteringSupport\":{\"status\":\"" + onEntering + "\",\"visa\":\"NONE\",\"statusSheBelieves\":\"LIMITED_LEAVE\"},"
                + (leaving ? "\"onLeavingSupport\":{\"status\":\"DDVC_CONCESSION_LEAVE\",\"visa\":\"NONE\"}," : "")
                + "\"confirmedBy\":[\"HOME_OFFICE_LETTER\"],\"routeOfEntry\":\"WITH_VISA\",\"notes\":\"" + HER_NOTES + "\"}";
    }

    /** Her consent under the SMV agreement: BSWA may receive her NEEDS and IMMIGRATION to take up a referral. */
    private static void consentForBswa(String subject) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, Object> provision = Map.of("recipients", List.of(Map.of("type", "ORGANISATION", "id", BSWA)),
                "purposes", List.of("REFERRAL"), "categories", List.of("NEEDS", "IMMIGRATION"),
                "validFrom", now.minusMinutes(5).toString(), "validUntil", now.plusMonths(6).toString());
        as("sbs.caseworker1").body(Map.of("partnershipId", SMV, "provisions", List.of(provision), "obtainedMethod", "VERBAL",
                "language", "en", "interpreterUsed", false, "art6Basis", "CONSENT", "art9Condition", "EXPLICIT_CONSENT"))
                .post(url("consent", "/api/subjects/" + subject + "/consents")).then().statusCode(201);
    }

    /** A woman SBS knows, with her monitoring record and consent, ready to be referred. */
    private static String registered(String onEntering) {
        String subject = registerKnownToConsent("sbs.caseworker1");
        putSection("sbs.caseworker1", subject, "IMMIGRATION", immigration(onEntering, false));
        putSection("sbs.caseworker1", subject, "NEEDS", JourneySupport.needs("domestic-abuse", "nrpf"));
        consentForBswa(subject);
        return subject;
    }

    private static String supportPeriod(String referralId) {
        return referral("/api/referrals/" + referralId + "/support-period");
    }

    @Test
    void aDdvcEligibleWomanFromEntryToTheSmvReturn() {
        Journey j = new Journey("9 SMV: entry, 6-week support, extension, exit, the return");
        Instant start = Instant.now().minusSeconds(5);
        // Everything of hers that must never be in a report.
        List<String> hers = new ArrayList<>(List.of(HER_NOTES, userId("sbs.caseworker1"), userId("bswa.caseworker1"),
                userId("bswa.coordinator1")));

        String subject = j.step("SBS registers her with her IMMIGRATION monitoring record: DDVC-eligible, no leave on entering support", () -> {
            String s = registered("NO_LEAVE");
            as("sbs.caseworker1").get(referral("/api/subjects/" + s + "/summary/sections/IMMIGRATION")).then().statusCode(200)
                    .body("content.ddvcEligible", equalTo(true)).body("content.onEnteringSupport.status", equalTo("NO_LEAVE"))
                    .body("content.onEntryToUk.visa", equalTo("SPOUSE_OR_PARTNER"));
            return s;
        });
        hers.add(subject);

        j.step("SBS finds BSWA's SMV service by her eligibility facts, not by a need code", () ->
                as("sbs.caseworker1").queryParam("eligibility", "ddvc-eligible,nrpf").queryParam("need", "domestic-abuse")
                        .queryParam("per_page", 100).get(url("directory", "/api/search")).then().statusCode(200)
                        .body("contents.id", hasItem(BSWA_SMV)));

        List<String> others = j.step("Four more women SBS supports are registered the same way (the return's cells reach five)", () -> {
            List<String> out = new ArrayList<>();
            for (String entering : List.of("NO_LEAVE", "NO_LEAVE", "NO_LEAVE", "LIMITED_LEAVE")) out.add(registered(entering));
            return out;
        });
        hers.addAll(others);

        // Registration is in the previous period; what the return counts happens from here on, inside one period.
        Period period = j.step("Wait for a fresh reporting period of the SMV partnership (90 s in the test stack)", () ->
                ProvisionalFigures.freshPeriod(RETURN_READER, SMV));

        String referralId = j.step("SBS refers her to BSWA's Support for Migrant Victims with NEEDS and IMMIGRATION", () ->
                sent("sbs.caseworker1", referralBody(subject, BSWA_SMV, List.of("domestic-abuse", "nrpf"), List.of("NEEDS", "IMMIGRATION"))));
        hers.add(referralId);
        String supportPeriod = supportPeriod(referralId);

        j.step("Support cannot start before BSWA takes her up; BSWA's coordinator accepts", () -> {
            as("bswa.caseworker1").body(Map.of("startedOn", today(0), "ddvcEligible", true)).post(supportPeriod).then().statusCode(409)
                    .contentType(startsWith("application/problem+json")).body("type", endsWith("not-taken-up"));
            move("bswa.coordinator1", referralId, 1, Map.of("target", "ACCEPTED")).statusCode(200).body("state", equalTo("ACCEPTED"));
            as("bswa.caseworker1").get(referral("/api/referrals/" + referralId + "/summary")).then().statusCode(200)
                    .body("sections.find { it.category == 'IMMIGRATION' }.content.ddvcEligible", equalTo(true));
        });

        String periodId = j.step("BSWA starts her support: 6 weeks, because she is DDVC-eligible; nobody else can", () -> {
            Map<String, Object> body = Map.of("startedOn", today(0), "ddvcEligible", true);
            // The service's limit depends on the fact: it must be said. The referrer, another organisation and an
            // evaluator cannot start it.
            as("bswa.caseworker1").body(Map.of("startedOn", today(0))).post(supportPeriod).then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("ddvcEligible"));
            as("sbs.caseworker1").body(body).post(supportPeriod).then().statusCode(403);
            as("crasac.caseworker1").body(body).post(supportPeriod).then().statusCode(404);
            as("wbg.evaluator1").body(body).post(supportPeriod).then().statusCode(403);
            String id = as("bswa.caseworker1").body(body).post(supportPeriod).then().statusCode(201).body("limitWeeks", equalTo(6))
                    .body("plannedEnd", equalTo(today(42))).body("status", equalTo("OPEN")).body("ddvcEligible", equalTo(true))
                    .extract().path("id");
            // SBS, who referred her, sees when it ends, to plan her move-on.
            as("sbs.caseworker1").get(supportPeriod).then().statusCode(200).body("plannedEnd", equalTo(today(42)));
            return id;
        });
        hers.add(periodId);

        j.step("BSWA asks for 4 more weeks while her DDVC decision is awaited; its coordinator is told and approves", () -> {
            String extensions = supportPeriod + "/extensions";
            String ext = as("bswa.caseworker1").body(Map.of("weeks", 4, "reasonCode", "AWAITING_DDVC_DECISION")).post(extensions).then()
                    .statusCode(201).body("extensions[0].status", equalTo("REQUESTED")).body("plannedEnd", equalTo(today(42)))
                    .extract().path("extensions[0].id");
            hers.add(ext);
            // Not "only by asking": the coordinator's inbox says a decision is needed (ids and codes only).
            Map<String, Object> notice = awaitInbox("bswa.coordinator1", referralId, "SUPPORT_EXTENSION_REQUESTED", start);
            assertEquals("An extension of support was asked for and needs your decision.", notice.get("text"));
            String decision = extensions + "/" + ext + "/decision";
            as("bswa.caseworker1").body(Map.of("approve", true)).post(decision).then().statusCode(403);
            as("sbs.caseworker1").body(Map.of("approve", true)).post(decision).then().statusCode(403);
            as("bswa.coordinator1").body(Map.of("approve", true)).post(decision).then().statusCode(200)
                    .body("limitWeeks", equalTo(6)).body("plannedEnd", equalTo(today(70))).body("extensions[0].status", equalTo("APPROVED"));
            as("sbs.caseworker1").get(supportPeriod).then().statusCode(200).body("plannedEnd", equalTo(today(70)))
                    .body("extensions[0].reasonCode", equalTo("AWAITING_DDVC_DECISION"));
        });

        j.step("BSWA records what it provided: subsistence and advocacy casework", () -> {
            String costs = referral("/api/referrals/" + referralId + "/costs");
            as("bswa.caseworker1").body(Map.of("category", "SUBSISTENCE", "amountPence", SUBSISTENCE_PENCE, "providedOn", today(0)))
                    .post(costs).then().statusCode(201);
            as("bswa.caseworker1").body(Map.of("category", "ADVOCACY_CASEWORK", "amountPence", CASEWORK_PENCE, "providedOn", today(0)))
                    .post(costs).then().statusCode(201);
            as("sbs.caseworker1").body(Map.of("category", "SUBSISTENCE", "amountPence", 100, "providedOn", today(0))).post(costs).then()
                    .statusCode(403);
        });

        j.step("She leaves support: the concession gives her recourse to public funds; SBS is told and records her status on leaving", () -> {
            String end = supportPeriod + "/end";
            as("bswa.caseworker1").body(Map.of("endedOn", today(0), "reasonCode", "VISA_GRANTED")).post(end).then().statusCode(400)
                    .body("errors.field", hasItems("reasonCode"));
            as("sbs.caseworker1").body(Map.of("endedOn", today(0), "reasonCode", "RECOURSE_TO_PUBLIC_FUNDS")).post(end).then().statusCode(403);
            as("bswa.caseworker1").body(Map.of("endedOn", today(0), "reasonCode", "RECOURSE_TO_PUBLIC_FUNDS")).post(end).then().statusCode(200)
                    .body("status", equalTo("ENDED")).body("endReason", equalTo("RECOURSE_TO_PUBLIC_FUNDS"))
                    .body("endedOn", equalTo(today(0))).body("daysLeft", nullValue());
            // The end-of-support notice goes to the worker who referred her, to plan her move-on.
            awaitInbox("sbs.caseworker1", referralId, "SUPPORT_ENDED", start);
            putSection("sbs.caseworker1", subject, "IMMIGRATION", immigration("NO_LEAVE", true));
        });

        j.step("The four other women: referred, taken up, 6 weeks, extended for the same reason, subsistence, left the same way", () -> {
            for (String other : others) {
                String id = sent("sbs.caseworker1", referralBody(other, BSWA_SMV, List.of("domestic-abuse", "nrpf"), List.of("NEEDS", "IMMIGRATION")));
                hers.add(id);
                move("bswa.coordinator1", id, 1, Map.of("target", "ACCEPTED")).statusCode(200);
                String p = supportPeriod(id);
                as("bswa.caseworker1").body(Map.of("startedOn", today(0), "ddvcEligible", true)).post(p).then().statusCode(201)
                        .body("limitWeeks", equalTo(6));
                String ext = as("bswa.caseworker1").body(Map.of("weeks", 4, "reasonCode", "AWAITING_DDVC_DECISION")).post(p + "/extensions")
                        .then().statusCode(201).extract().path("extensions[0].id");
                as("bswa.coordinator1").body(Map.of("approve", true)).post(p + "/extensions/" + ext + "/decision").then().statusCode(200);
                as("bswa.caseworker1").body(Map.of("category", "SUBSISTENCE", "amountPence", SUBSISTENCE_PENCE, "providedOn", today(0)))
                        .post(referral("/api/referrals/" + id + "/costs")).then().statusCode(201);
                as("bswa.caseworker1").body(Map.of("endedOn", today(0), "reasonCode", "RECOURSE_TO_PUBLIC_FUNDS")).post(p + "/end").then()
                        .statusCode(200);
                putSection("sbs.caseworker1", other, "IMMIGRATION", immigration(entering(others, other), true));
            }
        });

        j.step("BSWA turns a sixth woman away (no capacity) without any record of her", () ->
                as("bswa.coordinator1").body(Map.of("serviceId", BSWA_SMV, "needCode", "nrpf", "reasonCode", "NO_CAPACITY", "date", today(0)))
                        .post(referral("/api/turn-aways")).then().statusCode(201));

        JsonPath figures = j.step("The SMV return for the open period counts what the journey put in, as the rule publishes it", () -> {
            JsonPath r = ProvisionalFigures.of(RETURN_READER, SMV, period);
            long n = WOMEN;
            // People supported per partner: BSWA took up five women (SBS registered them before the period).
            assertEquals(Set.of(SBS, BSWA, "5e1f0000-0000-4000-8000-000000000008", "5e1f0000-0000-4000-8000-000000000009",
                    "5e1f0000-0000-4000-8000-00000000000b", "5e1f0000-0000-4000-8000-00000000000c"),
                    Set.copyOf(r.getList("organisations.organisationId")), "the SMV partners, named");
            assertEquals("Birmingham & Solihull Women's Aid", r.getString("organisations.find { it.organisationId == '" + BSWA + "' }.name"));
            assertEquals("5", r.getString("people.unduplicated"));
            ProvisionalFigures.assertTable(r, "engagements", Map.of(BSWA, Map.of("engagements", n)), true);
            ProvisionalFigures.assertTable(r, "pathwayMatrix", Map.of(SBS, Map.of(BSWA, n)), true);
            ProvisionalFigures.assertTable(r, "funnel", Map.of(BSWA, Map.of("sent", n, "taken-up", n)), false);

            // Support: five started and ended here; none of BSWA's is still open (no other test uses its SMV service,
            // though other services' stock may share the table).
            String s = "tables.supportPeriodsByService.";
            assertTrue(r.getList(s + "rowLabels").contains(BSWA_SMV));
            assertEquals(List.of("started", "ended", "in-support-at-end"), r.getList(s + "columnLabels"));
            List<String> bswaRow = r.getList(s + "cells", List.class).get(r.getList(s + "rowLabels").indexOf(BSWA_SMV));
            ProvisionalFigures.assertShownAs(n, bswaRow.get(0), "BSWA's support periods started");
            ProvisionalFigures.assertShownAs(n, bswaRow.get(1), "BSWA's support periods ended");
            ProvisionalFigures.assertShownAs(0, bswaRow.get(2), "BSWA's women still in support");
            ProvisionalFigures.assertTable(r, "supportEndReasons", Map.of(BSWA_SMV, Map.of("RECOURSE_TO_PUBLIC_FUNDS", n)), true);
            ProvisionalFigures.assertTable(r, "supportExtensionsApproved", Map.of(BSWA_SMV, Map.of("AWAITING_DDVC_DECISION", n)), true);
            // Length of support: all five ended the day they started, all extended (so "not extended" would be 0: hidden).
            Map<String, Object> length = r.getMap("supportLengthDays.find { it.serviceId == '" + BSWA_SMV + "' }");
            assertEquals(bswaRow.get(1), length.get("ended"));
            assertEquals("*", length.get("extended"));
            if (!"*".equals(bswaRow.get(1))) assertEquals(0.0, ((Number) length.get("median")).doubleValue());

            // Services provided and their costs: five subsistence lines and her casework line; the sums in pounds only
            // where the count behind them is shown.
            PublishedTable lines = ProvisionalFigures.assertTable(r, "costLinesByService",
                    Map.of(BSWA_SMV, Map.of("SUBSISTENCE", n, "ADVOCACY_CASEWORK", 1L)), true);
            assertEquals("<5", lines.cell(BSWA_SMV, "ADVOCACY_CASEWORK"));
            PublishedTable pounds = CostSums.publish(lines, List.of(new CostSums.Sum(BSWA_SMV, "SUBSISTENCE", n * SUBSISTENCE_PENCE),
                    new CostSums.Sum(BSWA_SMV, "ADVOCACY_CASEWORK", CASEWORK_PENCE)));
            String c = "tables.costsByServicePounds.";
            assertEquals(pounds.cells(), r.getList(c + "cells"));
            assertEquals(pounds.rowTotals(), r.getList(c + "rowTotals"));
            assertEquals(pounds.total(), r.getString(c + "total"));
            assertEquals("x", pounds.cell(BSWA_SMV, "ADVOCACY_CASEWORK"), "her casework's cost is not shown");
            // Turned away per partner: one, "<5".
            ProvisionalFigures.assertTable(r, "turnedAwayByService", Map.of(BSWA_SMV, Map.of("NO_CAPACITY", 1L)), true);

            // Status on entering (her NO_LEAVE among four; one LIMITED_LEAVE) and on leaving (all five DDVC concession).
            List<String> statuses = new ArrayList<>(Arrays.stream(ImmigrationStatus.values()).map(Enum::name).toList());
            statuses.add("NOT_RECORDED");
            assertEquals(statuses, r.getList("tables.immigrationStatusOnEnteringSupport.rowLabels"));
            PublishedTable entering = ProvisionalFigures.assertTable(r, "immigrationStatusOnEnteringSupport",
                    Map.of("NO_LEAVE", Map.of("women", 4L), "LIMITED_LEAVE", Map.of("women", 1L)), false);
            assertEquals("<5", entering.cell("NO_LEAVE", "women"));
            ProvisionalFigures.assertTable(r, "immigrationStatusOnLeavingSupport", Map.of("DDVC_CONCESSION_LEAVE", Map.of("women", n)), false);
            return r;
        });

        j.step("Her small cells cannot be worked out from what is shown", () -> {
            String t = "tables.immigrationStatusOnEnteringSupport.";
            List<String> rows = figures.getList(t + "rowLabels");
            Set<Long> noLeave = SmallTables.possibleValues(figures.getList(t + "cells"), figures.getList(t + "rowTotals"),
                    figures.getList(t + "columnTotals"), figures.getString(t + "total"), rows.indexOf("NO_LEAVE"), 0, 10);
            assertTrue(noLeave.size() > 1 && noLeave.contains(4L), "the women with no leave can be counted: " + noLeave);
            String c = "tables.costLinesByService.";
            List<String> columns = figures.getList(c + "columnLabels");
            Set<Long> casework = SmallTables.possibleValues(figures.getList(c + "cells"), figures.getList(c + "rowTotals"),
                    figures.getList(c + "columnTotals"), figures.getString(c + "total"), 0, columns.indexOf("ADVOCACY_CASEWORK"), 10);
            assertTrue(casework.size() > 1 && casework.contains(1L), "her casework line can be counted: " + casework);
        });

        j.step("The return names organisations and services, never her: no id, words or worker of hers, as JSON or CSV", () -> {
            String json = as(RETURN_READER).get(ProvisionalFigures.path(SMV)).then().statusCode(200).extract().asString();
            String csv = ProvisionalFigures.csv(RETURN_READER, SMV);
            assertTrue(csv.contains("supportEndReasons," + BSWA_SMV + ",RECOURSE_TO_PUBLIC_FUNDS,5\r\n"), "the CSV counts them too");
            ProvisionalFigures.assertNoCountUnderFive(csv);
            ProvisionalFigures.assertIdentifiesNobody(figures, json, csv, hers);
        });

        j.step("Those who must not see the figures or her record are refused", () -> {
            // Workers read no figures (403); partnerships one is not in do not exist for one (404).
            for (String worker : List.of("sbs.caseworker1", "bswa.coordinator1")) {
                as(worker).get(ProvisionalFigures.path(SMV)).then().statusCode(403).contentType(startsWith("application/problem+json"));
            }
            for (String outsider : List.of("wbg.evaluator1", "fwt.connector1", "mwnuk.partnership-admin1")) {
                as(outsider).get(ProvisionalFigures.path(SMV)).then().statusCode(404);
            }
            // The return's reader and an evaluator never read her record or her support period.
            as(RETURN_READER).get(referral("/api/subjects/" + subject + "/summary")).then().statusCode(403);
            as(RETURN_READER).get(supportPeriod).then().statusCode(403);
            as("wbg.evaluator1").get(referral("/api/subjects/" + subject + "/summary")).then().statusCode(403);
            // Nor does an organisation she was never referred to.
            as("mwnuk.caseworker1").get(supportPeriod).then().statusCode(404);
            as("crasac.caseworker1").get(referral("/api/subjects/" + subject + "/summary/sections/IMMIGRATION")).then().statusCode(404);
        });
    }

    /** The status on entering support the other woman was registered with (in the order of {@link #registered}). */
    private static String entering(List<String> others, String other) {
        return others.indexOf(other) < 3 ? "NO_LEAVE" : "LIMITED_LEAVE";
    }
}
