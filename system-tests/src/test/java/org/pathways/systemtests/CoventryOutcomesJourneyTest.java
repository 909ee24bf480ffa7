package org.pathways.systemtests;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.Journey.as;
import static org.pathways.systemtests.JourneySupport.COVENTRY;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.CRASAC_COUNSELLING;
import static org.pathways.systemtests.JourneySupport.KAIROS;
import static org.pathways.systemtests.JourneySupport.awaitInbox;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referral;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.sent;
import static org.pathways.systemtests.JourneySupport.userId;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pathways.referral.domain.report.PublishedTable;
import org.pathways.systemtests.ProvisionalFigures.Period;

import io.restassured.path.json.JsonPath;

/**
 * Journey 10, issue 17 item 6 (ADRs 0066, 0074, 0075): a Coventry completion reaches her needs and the evaluator's
 * figures, as the people would. Kairos writes her NEEDS in her words on the Coventry scale ("wants help, does not know
 * how"), takes her SWEMWBS with her agreement and refers her to CRASAC's counselling with her consent; CRASAC takes her
 * up, measures again with her agreement and completes with NEED_MET. Her NEEDS section gets a new version, attributed
 * to CRASAC, with the need MET on the scale and her words kept; CRASAC's access then ends. Four more women go the same
 * way. The Women and Girls' Board evaluator reads the open period's provisional figures (ADR 0075; the test stack's
 * periods last 90 s, so the journey waits for a fresh one and writes what is counted inside it): the funnel's "need
 * met", the engagements, the pathway and the wellbeing change equal what the journey put in under the disclosure rule,
 * and nothing in them identifies her. 86 s on the 2-core machine (2026-12-07), up to 90 s of it waiting for the period.
 */
class CoventryOutcomesJourneyTest {

    static final String EVALUATOR = "wbg.evaluator1";
    static final int WOMEN = 5;
    static final List<Integer> START = List.of(3, 3, 2, 3, 4, 3, 3); // raw 21, SWEMWBS metric 19.25
    static final List<Integer> LATER = List.of(4, 4, 4, 4, 4, 4, 4); // raw 28, metric 25.03
    static final String HER_WORDS = "I want to talk to someone who will not judge me.";

    private static String today() {
        return LocalDate.now(ZoneId.of("Europe/London")).toString();
    }

    private static Map<String, Object> measure(String timepoint, List<Integer> items) {
        return Map.of("timepoint", timepoint, "takenOn", today(), "items", items, "sheAgreed", true);
    }

    private static String wellbeing(String subject) {
        return referral("/api/subjects/" + subject + "/wellbeing");
    }

    /** A woman Kairos knows: her need in her words on the Coventry scale, her first measure, her consent for CRASAC. */
    private static String registered() {
        String subject = registerKnownToConsent("kairos.caseworker1");
        writeOnce("kairos.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"inHerWords\":\"" + HER_WORDS
                + "\",\"status\":\"IDENTIFIED\",\"scale\":\"WANTS_HELP_DOES_NOT_KNOW_HOW\"}]}");
        as("kairos.caseworker1").body(measure("START", START)).post(wellbeing(subject)).then().statusCode(201);
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        return subject;
    }

    /** CRASAC takes the referral up, measures again with her agreement, and completes it: counselling met. */
    private static void takenUpMeasuredAndMet(String referralId, String subject) {
        move("crasac.coordinator1", referralId, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        move("crasac.caseworker1", referralId, 2, Map.of("target", "IN_PROGRESS")).statusCode(200);
        as("crasac.caseworker1").body(measure("LATER", LATER)).post(wellbeing(subject)).then().statusCode(201)
                .body("metric", equalTo(25.03f));
        move("crasac.caseworker1", referralId, 3, Map.of("target", "COMPLETED", "outcomes", Map.of("counselling", "NEED_MET")))
                .statusCode(200).body("state", equalTo("COMPLETED"));
    }

    @Test
    void aCompletionWithNeedMetUpdatesHerNeedsAndShowsInTheEvaluatorsProvisionalFigures() {
        Journey j = new Journey("10 Coventry: an outcome reaches her needs and the evaluator's figures");
        Instant start = Instant.now().minusSeconds(5);
        List<String> hers = new ArrayList<>(List.of(HER_WORDS, userId("kairos.caseworker1"), userId("crasac.caseworker1"),
                userId("crasac.coordinator1")));

        String subject = j.step("Kairos registers her, writes her need in her words on the Coventry scale, and takes her SWEMWBS "
                + "only with her agreement", () -> {
            String s = registerKnownToConsent("kairos.caseworker1");
            assertEquals(1, writeOnce("kairos.caseworker1", s, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"inHerWords\":\""
                    + HER_WORDS + "\",\"status\":\"IDENTIFIED\",\"scale\":\"WANTS_HELP_DOES_NOT_KNOW_HOW\"}]}"));
            as("kairos.caseworker1").body(Map.of("timepoint", "START", "takenOn", today(), "items", START)).post(wellbeing(s)).then()
                    .statusCode(400).contentType(startsWith("application/problem+json")).body("errors.field", hasItem("sheAgreed"));
            as(EVALUATOR).body(measure("START", START)).post(wellbeing(s)).then().statusCode(403);
            as("kairos.caseworker1").body(measure("START", START)).post(wellbeing(s)).then().statusCode(201)
                    .body("rawTotal", equalTo(21)).body("metric", equalTo(19.25f));
            recordConsent("kairos.caseworker1", s, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
            return s;
        });
        hers.add(subject);

        List<String> others = j.step("Four more women Kairos supports, the same way (the figures' cells reach five)", () -> {
            List<String> out = new ArrayList<>();
            for (int i = 1; i < WOMEN; i++) out.add(registered());
            return out;
        });
        hers.addAll(others);

        // Registered and first measured in the previous period; what the figures count happens from here on.
        Period period = j.step("Wait for a fresh reporting period of the Coventry partnership (90 s in the test stack)", () ->
                ProvisionalFigures.freshPeriod(EVALUATOR, COVENTRY));

        String referralId = j.step("Kairos refers her to CRASAC's counselling; CRASAC takes her up, measures again, completes: NEED_MET", () -> {
            String id = sent("kairos.caseworker1", referralBody(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")));
            takenUpMeasuredAndMet(id, subject);
            awaitInbox("kairos.caseworker1", id, "REFERRAL_COMPLETED", start);
            return id;
        });
        hers.add(referralId);

        j.step("Her NEEDS section has a new version by CRASAC: the need MET on the Coventry scale, her words kept", () -> {
            String needs = referral("/api/subjects/" + subject + "/summary/sections/NEEDS");
            as("kairos.caseworker1").get(needs).then().statusCode(200).body("version", equalTo(2))
                    .body("authorOrganisationId", equalTo(CRASAC)).body("authorId", equalTo(userId("crasac.caseworker1")))
                    .body("content.needs.code", contains("counselling")).body("content.needs[0].status", equalTo("MET"))
                    .body("content.needs[0].scale", equalTo("MET")).body("content.needs[0].inHerWords", equalTo(HER_WORDS));
            as("kairos.caseworker1").get(needs + "/versions").then().statusCode(200).body("version", contains(2, 1));
            as("kairos.caseworker1").get(needs + "/versions/1").then().statusCode(200).body("authorOrganisationId", equalTo(KAIROS))
                    .body("content.needs[0].status", equalTo("IDENTIFIED"))
                    .body("content.needs[0].scale", equalTo("WANTS_HELP_DOES_NOT_KNOW_HOW"));
            as("kairos.caseworker1").get(wellbeing(subject)).then().statusCode(200).body("timepoint", contains("START", "LATER"));
            // The completion ended CRASAC's access to her sections.
            as("crasac.caseworker1").get(referral("/api/referrals/" + referralId + "/summary")).then().statusCode(403)
                    .body("type", endsWith("access-ended"));
        });

        j.step("The four other women: referred, taken up, measured again, completed with NEED_MET", () -> {
            for (String other : others) {
                String id = sent("kairos.caseworker1", referralBody(other, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")));
                hers.add(id);
                takenUpMeasuredAndMet(id, other);
            }
        });

        JsonPath figures = j.step("The evaluator's provisional figures count what the journey put in, as the rule publishes it", () -> {
            JsonPath r = ProvisionalFigures.of(EVALUATOR, COVENTRY, period);
            long n = WOMEN;
            assertEquals("Coventry Rape and Sexual Abuse Centre", r.getString("organisations.find { it.organisationId == '" + CRASAC
                    + "' }.name"), "organisations are named");
            assertEquals("5", r.getString("people.unduplicated"));
            ProvisionalFigures.assertTable(r, "engagements", Map.of(CRASAC, Map.of("engagements", n)), true);
            ProvisionalFigures.assertTable(r, "pathwayMatrix", Map.of(KAIROS, Map.of(CRASAC, n)), true);
            PublishedTable funnel = ProvisionalFigures.assertTable(r, "funnel",
                    Map.of(CRASAC, Map.of("sent", n, "taken-up", n, "completed", n, "need-met", n)), false);
            assertEquals("5", funnel.cell(CRASAC, "need-met"), "the five needs met are shown");
            // SWEMWBS: the first measures were taken before the period ("<5" here), the later ones in it; the means only
            // because five women are behind them.
            assertEquals("<5", r.getString("wellbeing.startMeasures"));
            assertEquals("5", r.getString("wellbeing.laterMeasures"));
            assertEquals("5", r.getString("wellbeing.womenWithChange"));
            assertEquals(19.25, r.getDouble("wellbeing.meanAtStart"), 0.001);
            assertEquals(25.03, r.getDouble("wellbeing.meanLater"), 0.001);
            assertEquals(5.78, r.getDouble("wellbeing.meanChange"), 0.001);
            assertEquals("5", r.getString("timeToAnswerHours.find { it.serviceId == '" + CRASAC_COUNSELLING + "' }.referrals"));
            return r;
        });

        j.step("As CSV: the same figures, no count under five, and nothing that identifies her", () -> {
            String json = as(EVALUATOR).get(ProvisionalFigures.path(COVENTRY)).then().statusCode(200).extract().asString();
            String csv = ProvisionalFigures.csv(EVALUATOR, COVENTRY);
            assertTrue(csv.contains("funnel," + CRASAC + ",need-met,5\r\n"), "the CSV counts them too");
            assertTrue(csv.contains("wellbeing,meanChange,mean,5.78\r\n"), "the CSV has the change");
            ProvisionalFigures.assertNoCountUnderFive(csv);
            ProvisionalFigures.assertIdentifiesNobody(figures, json, csv, hers);
        });

        j.step("Those who must not see the figures or her record are refused", () -> {
            // Workers read no figures (403); another programme's admin is not shown the partnership exists (404).
            for (String worker : List.of("kairos.caseworker1", "crasac.coordinator1")) {
                as(worker).get(ProvisionalFigures.path(COVENTRY)).then().statusCode(403).contentType(startsWith("application/problem+json"));
            }
            as("sbs.partnership-admin1").get(ProvisionalFigures.path(COVENTRY)).then().statusCode(404);
            // The Connector reads the same figures; neither she nor the evaluator reads her record or her measures.
            as("fwt.connector1").get(ProvisionalFigures.path(COVENTRY)).then().statusCode(200).body("provisional", equalTo(true));
            as(EVALUATOR).get(referral("/api/subjects/" + subject + "/summary")).then().statusCode(403);
            as(EVALUATOR).get(wellbeing(subject)).then().statusCode(403);
            as("fwt.connector1").get(referral("/api/subjects/" + subject + "/summary/sections/NEEDS")).then().statusCode(404);
            as("fwt.connector1").get(wellbeing(subject)).then().statusCode(404);
        });
    }
}
