package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.BrowserSupport.assertAccessible;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.expect;
import static org.pathways.systemtests.BrowserSupport.screenshot;
import static org.pathways.systemtests.BrowserSupport.signIn;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.CRASAC_COUNSELLING;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referral;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.sent;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.restassured.path.json.JsonPath;

/**
 * Issue 15's screens for issue 16 and 17's APIs, in a real browser: Kairos escalates a referral (refused without a
 * reason, then NO_ANSWER) and asks for a decline to be reviewed; CRASAC, with JavaScript off, answers the escalation
 * (refused without an answer, then Actioned), records a cost line (a future day refused by referral-service at the
 * field, then £12.50), sees a referral it put on its waiting list, its coordinator's caseload as the API counts it,
 * and records a turn-away (referral-service's refusals at the fields first). An evaluator has none of these screens
 * (403). axe on each; screenshots 80-….
 */
class CaseworkBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    private static String sendToCrasac() {
        String subject = registerKnownToConsent("kairos.caseworker1");
        writeOnce("kairos.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"status\":\"IDENTIFIED\"}]}");
        recordConsent("kairos.caseworker1", subject, Map.of(CRASAC, List.of("NEEDS")));
        return sent("kairos.caseworker1", referralBody(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")));
    }

    private static List<Map<String, Object>> challenges(String user, String referralId) {
        return Journey.as(user).get(referral("/api/referrals/" + referralId + "/challenges")).then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    @Test
    void escalationsDeclineReviewsCostsWaitingListsCaseloadAndTurnAways() {
        Journey j = new Journey("dashboard: casework screens (issues 16 and 17)");
        String[] ids = j.step("Kairos sends three referrals to CRASAC; CRASAC declines one and waiting-lists another (API)", () -> {
            String escalated = sendToCrasac();
            String declined = sendToCrasac();
            String waiting = sendToCrasac();
            move("crasac.coordinator1", declined, 1, Map.of("target", "DECLINED", "reason", "NO_CAPACITY")).statusCode(200);
            move("crasac.coordinator1", waiting, 1, Map.of("target", "ON_HOLD",
                    "reviewDate", LocalDate.now(ZoneId.of("Europe/London")).plusDays(14).toString())).statusCode(200);
            return new String[] {escalated, declined, waiting};
        });
        String escalated = ids[0];
        String declined = ids[1];
        String waiting = ids[2];

        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("Kairos escalates: refused without a reason (linked to it), then escalated with 'no answer'", () -> {
                signIn(page, "kairos.caseworker1");
                page.navigate(dashboard("/referrals/" + escalated));
                expect(page, documents, "#escalate-form", "escalate");
                page.click("#escalate");
                expect(page, documents, ".govuk-error-summary", "escalate-refused");
                assertEquals("#escalate-reasonCode", page.getAttribute(".govuk-error-summary a", "href"));
                assertTrue(challenges("kairos.caseworker1", escalated).isEmpty(), "nothing raised");
                page.check("#escalate-reasonCode");
                page.click("#escalate");
                expect(page, documents, ".govuk-notification-banner--success", "escalated");
                List<Map<String, Object>> raised = challenges("kairos.caseworker1", escalated);
                assertEquals(1, raised.size());
                assertEquals("NO_ANSWER", raised.get(0).get("reasonCode"));
                assertTrue(page.isVisible("[data-challenge='" + raised.get(0).get("id") + "'][data-open]"));
                assertEquals(0, page.locator("#escalate-form").count(), "one unanswered escalation at a time");
                screenshot(page, "80-referral-escalated");
                assertAccessible(page, "Referral (escalated)");
            });
            j.step("Kairos asks for the decline to be reviewed (the need is in scope)", () -> {
                page.navigate(dashboard("/referrals/" + declined));
                expect(page, documents, "#review-form", "review");
                page.check("#review-reasonCode-NEED_IN_SCOPE");
                page.click("#ask-review");
                expect(page, documents, ".govuk-notification-banner--success", "reviewed");
                List<Map<String, Object>> raised = challenges("kairos.caseworker1", declined);
                assertEquals(List.of("DECLINE_REVIEW"), raised.stream().map(c -> c.get("kind")).toList());
                assertEquals(0, page.locator("#review-form").count(), "asked once");
                assertAccessible(page, "Referral (decline review asked)");
            });
        }

        try (BrowserContext ctx = browsers.context(false)) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            String challengeId = String.valueOf(challenges("crasac.coordinator1", escalated).get(0).get("id"));
            j.step("JavaScript off: CRASAC answers the escalation — refused without an answer, then Actioned", () -> {
                signIn(page, "crasac.coordinator1");
                page.navigate(dashboard("/referrals/" + escalated));
                expect(page, documents, "[data-challenge='" + challengeId + "'] form", "answer");
                page.click("[data-challenge='" + challengeId + "'] [data-answer-button]");
                expect(page, documents, ".govuk-error-summary", "answer-refused");
                assertEquals("#answer-" + challengeId, page.getAttribute(".govuk-error-summary a", "href"));
                page.check("#answer-" + challengeId);
                page.click("[data-challenge='" + challengeId + "'] [data-answer-button]");
                expect(page, documents, ".govuk-notification-banner--success", "answered");
                assertEquals("ACTIONED", challenges("crasac.coordinator1", escalated).get(0).get("outcome"));
                assertTrue(page.textContent("[data-challenge='" + challengeId + "'] [data-answer]").contains("Actioned"));
                screenshot(page, "81-referral-answered");
            });
            j.step("CRASAC accepts it (API) and records a cost: a future day refused at the field, then £12.50 today", () -> {
                long version = Journey.as("crasac.coordinator1").get(referral("/api/referrals/" + escalated)).then().statusCode(200)
                        .extract().jsonPath().getLong("version");
                move("crasac.coordinator1", escalated, version, Map.of("target", "ACCEPTED")).statusCode(200);
                page.navigate(dashboard("/referrals/" + escalated));
                expect(page, documents, "#cost-form", "cost-form");
                LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
                page.selectOption("#cost-category", "COUNSELLING");
                page.fill("#cost-amount", "12.50");
                page.fill("#cost-providedOn", today.plusDays(2).toString());
                page.click("#add-cost");
                expect(page, documents, ".govuk-error-summary", "cost-refused");
                assertEquals("#cost-providedOn", page.getAttribute(".govuk-error-summary a", "href"));
                assertTrue(page.textContent("#cost-providedOn-error").contains("future"), page.textContent("#cost-providedOn-error"));
                assertEquals("12.50", page.inputValue("#cost-amount"), "what was typed is kept");
                page.fill("#cost-providedOn", today.toString());
                page.click("#add-cost");
                expect(page, documents, "#costs tr[data-cost]", "cost-recorded");
                assertTrue(page.textContent("#costs").contains("£12.50"));
                List<Map<String, Object>> lines = Journey.as("crasac.coordinator1").get(referral("/api/referrals/" + escalated + "/costs"))
                        .then().statusCode(200).extract().jsonPath().getList("$");
                assertEquals(1, lines.size());
                assertEquals(1250, ((Number) lines.get(0).get("amountPence")).intValue());
                screenshot(page, "82-referral-costs");
                assertAccessible(page, "Referral (costs)");
            });
            j.step("her waiting list shows the referral CRASAC put on it", () -> {
                page.click("#navigation >> text=Waiting lists");
                expect(page, documents, "h1", "waiting-lists");
                assertEquals("Waiting lists – Pathways", page.title());
                assertTrue(page.isVisible("table[data-service='" + CRASAC_COUNSELLING + "'] tr[data-referral='" + waiting + "']"));
                screenshot(page, "83-waiting-lists");
                assertAccessible(page, "Waiting lists");
            });
            j.step("her caseload is the API's: the escalated referral, claimed by her, is one of its women", () -> {
                JsonPath r = Journey.as("crasac.coordinator1").get(referral("/api/referrals/" + escalated)).then()
                        .statusCode(200).extract().jsonPath();
                long version = r.getLong("version");
                String hers = r.getString("subjectId");
                int claimed = Journey.as("crasac.coordinator1").header("If-Match", "\"" + version + "\"").body("{}")
                        .post(referral("/api/referrals/" + escalated + "/claim")).then().extract().statusCode();
                assertTrue(claimed == 200 || claimed == 201, "claimed: " + claimed);
                page.click("#navigation >> text=My caseload");
                expect(page, documents, "#caseload", "caseload");
                List<String> people = Journey.as("crasac.coordinator1").get(referral("/api/caseload")).then().statusCode(200).extract()
                        .jsonPath().getList("people.subjectId");
                assertTrue(people.contains(hers), "the woman of the referral she claimed is on her caseload");
                assertEquals(people.size(), page.locator("#caseload tr[data-person]").count());
                String html = page.content();
                people.forEach(subject -> assertFalse(html.contains(subject), "cases open by a sealed reference, never her subject id"));
                screenshot(page, "84-caseload");
                assertAccessible(page, "My caseload");
            });
            j.step("a turn-away: referral-service's refusals at the fields, then recorded (codes and a day only)", () -> {
                page.navigate(dashboard("/turn-aways"));
                expect(page, documents, "#turn-away-form", "turn-away");
                page.click("#record-turn-away");
                // Every missing field named at once, each linked from the summary.
                expect(page, documents, ".govuk-error-summary", "turn-away-refused");
                assertEquals("#serviceId", page.getAttribute(".govuk-error-summary a", "href"));
                for (String f : List.of("serviceId", "needCode", "reasonCode")) {
                    assertTrue(page.isVisible("#" + f + "-error"), f + " is named");
                }
                assertAccessible(page, "Record a turn-away (refused)");
                page.selectOption("#serviceId", CRASAC_COUNSELLING);
                page.selectOption("#needCode", "counselling");
                page.check("#reasonCode");
                page.click("#record-turn-away");
                expect(page, documents, ".govuk-notification-banner--success", "turn-away-recorded");
                assertTrue(page.url().endsWith("/turn-aways?done=yes"), page.url());
                screenshot(page, "85-turn-away-recorded");
            });
        }

        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            j.step("an evaluator has none of them: not in her navigation, 403 at the addresses", () -> {
                signIn(page, "wbg.evaluator1");
                assertEquals(0, page.locator("#navigation >> text=My caseload").count());
                assertEquals(0, page.locator("#navigation >> text=Waiting lists").count());
                for (String path : List.of("/caseload", "/waiting-lists", "/turn-aways")) {
                    assertEquals(403, page.request().get(dashboard(path)).status(), path);
                }
            });
        }
    }
}
