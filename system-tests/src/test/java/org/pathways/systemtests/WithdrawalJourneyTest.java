package org.pathways.systemtests;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.pathways.systemtests.Journey.as;
import static org.pathways.systemtests.Journey.url;
import static org.pathways.systemtests.JourneySupport.CELC;
import static org.pathways.systemtests.JourneySupport.CELC_IMMIGRATION;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.KAIROS;
import static org.pathways.systemtests.JourneySupport.accessLog;
import static org.pathways.systemtests.JourneySupport.awaitInbox;
import static org.pathways.systemtests.JourneySupport.inbox;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.readsIn;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.send;
import static org.pathways.systemtests.JourneySupport.userId;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.pathways.systemtests.JourneySupport.Read;

/**
 * Journey 3 (issue 8): withdrawal mid-flight. CELC reads her summary through its referral; she tells her Kairos worker
 * she no longer wants CELC to see it, and the worker records the withdrawal in consent-service; CELC's very next read
 * is denied (the sections withheld with the NO_CONSENT marker, the contact flags still shown), CELC is told in its
 * inbox, and her access log shows both reads and the denial.
 */
class WithdrawalJourneyTest {

    static final List<String> CELC_SECTIONS = List.of("SAFE_CONTACT", "NEEDS", "IMMIGRATION");

    @Test
    void sheWithdrawsConsentForCelcMidFlight() {
        Journey j = new Journey("3 Withdrawal mid-flight");
        Instant start = Instant.now().minusSeconds(5);
        String kairosWorker = userId("kairos.caseworker1");

        String subject = j.step("Kairos registers her and records her summary once", () -> {
            String s = registerKnownToConsent("kairos.caseworker1");
            writeOnce("kairos.caseworker1", s, "SAFE_CONTACT", "{\"doNotContact\":false,\"contactViaNamedWorkerOnly\":true,"
                    + "\"namedWorkerId\":\"" + kairosWorker + "\"}");
            writeOnce("kairos.caseworker1", s, "NEEDS", "{\"needs\":[{\"code\":\"legal-immigration\",\"status\":\"IDENTIFIED\"}]}");
            writeOnce("kairos.caseworker1", s, "IMMIGRATION", "{\"noRecourseToPublicFunds\":true}");
            writeOnce("kairos.caseworker1", s, "STORY", "{\"text\":\"Her account, told once.\"}");
            return s;
        });

        String consent = j.step("Kairos records her consent for CELC (and NEEDS for CRASAC)", () -> {
            Map<String, List<String>> shares = new LinkedHashMap<>();
            shares.put(CELC, CELC_SECTIONS);
            shares.put(CRASAC, List.of("NEEDS"));
            return recordConsent("kairos.caseworker1", subject, shares);
        });

        String toCelc = j.step("Kairos refers her to CELC immigration advice; CELC accepts", () -> {
            String id = send("kairos.caseworker1", referralBody(subject, CELC_IMMIGRATION, List.of("legal-immigration"), CELC_SECTIONS))
                    .statusCode(201).extract().path("id");
            // Its single point of contact was told, so notification-service knows the referral is live.
            awaitInbox("celc.coordinator1", id, "REFERRAL_SENT", start);
            move("celc.coordinator1", id, 1, Map.of("target", "ACCEPTED")).statusCode(200).body("state", equalTo("ACCEPTED"));
            return id;
        });

        j.step("CELC reads her summary through its referral", () -> as("celc.caseworker1")
                .get(url("referral", "/api/referrals/" + toCelc + "/summary")).then().statusCode(200)
                .body("sections.category", contains(CELC_SECTIONS.toArray()))
                .body("sections.basis.consentId", everyItem(equalTo(consent))).body("withheld", empty()));

        j.step("She tells her Kairos worker; the withdrawal for CELC is recorded in consent-service", () -> {
            as("kairos.caseworker1").body(Map.of("scope", "PARTIAL", "recipient", Map.of("type", "ORGANISATION", "id", CELC),
                    "method", "VERBAL")).post(url("consent", "/api/consents/" + consent + "/withdrawals")).then().statusCode(200)
                    .body("currentVersion", equalTo(2)).body("state", equalTo("ACTIVE"))
                    .body("withdrawals", hasSize(1)).body("withdrawals[0].scope", equalTo("PARTIAL"))
                    .body("withdrawals[0].recipient.id", equalTo(CELC))
                    .body("withdrawals[0].withdrawnBy.organisationId", equalTo(KAIROS))
                    .body("withdrawals[0].withdrawnBy.userId", equalTo(kairosWorker))
                    // The narrower version keeps CRASAC's share and names CELC nowhere.
                    .body("versions.find { it.version == 2 }.provisions.recipient.id", not(hasItem(CELC)))
                    .body("versions.find { it.version == 2 }.provisions.recipient.id", hasItem(CRASAC));
        });

        j.step("CELC's very next read is denied: every section withheld for lack of consent, the contact flags still shown",
                () -> as("celc.caseworker1").get(url("referral", "/api/referrals/" + toCelc + "/summary")).then().statusCode(200)
                        .body("state", equalTo("ACCEPTED"))
                        .body("sections", empty())
                        .body("withheld.category", contains(CELC_SECTIONS.toArray()))
                        .body("withheld.status", everyItem(equalTo("WITHHELD")))
                        .body("withheld.reason", everyItem(equalTo("NO_CONSENT")))
                        .body("contactFlags.contactViaNamedWorkerOnly", equalTo(true))
                        .body("contactFlags.namedWorkerId", equalTo(kairosWorker)));

        j.step("CELC is notified: its single point of contact sees the withdrawal in CELC's mailbox", () -> {
            Map<String, Object> item = awaitInbox("celc.coordinator1", toCelc, "CONSENT_WITHDRAWN", start);
            assertEquals(Boolean.TRUE, item.get("organisationMailbox"));
            assertEquals(consent, item.get("aggregateId"));
            assertNull(item.get("reasonCode"));
            // Kairos, the sender, is not told: its own access does not depend on this consent.
            assertEquals(List.of(), inbox("kairos.coordinator1", Set.of(toCelc), start).stream()
                    .filter(i -> "CONSENT_WITHDRAWN".equals(i.get("kind"))).toList());
        });

        j.step("Her access log shows CELC's two reads: the granted one and the denial", () -> {
            List<Map<String, Object>> log = accessLog("kairos.caseworker1", subject);
            assertEquals(List.of(Read.of(CELC, "REFERRAL_SUMMARY_READ", "GRANTED", CELC_SECTIONS),
                    Read.of(CELC, "REFERRAL_SUMMARY_READ", "DENIED", CELC_SECTIONS)), readsIn(log));
            List<Map<String, Object>> celcReads = log.stream().filter(e -> "REFERRAL_SUMMARY_READ".equals(e.get("action"))).toList();
            assertEquals(consent + ":1", celcReads.get(0).get("basisRef"));
            assertEquals("CONSENT", celcReads.get(0).get("basis"));
            assertEquals(toCelc, celcReads.get(1).get("basisRef"));
            assertEquals("NONE", celcReads.get(1).get("basis"));
        });
    }
}
