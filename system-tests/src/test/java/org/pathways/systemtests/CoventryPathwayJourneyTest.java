package org.pathways.systemtests;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.systemtests.Journey.as;
import static org.pathways.systemtests.Journey.url;
import static org.pathways.systemtests.JourneySupport.CELC;
import static org.pathways.systemtests.JourneySupport.CELC_IMMIGRATION;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.CRASAC_COUNSELLING;
import static org.pathways.systemtests.JourneySupport.FWT;
import static org.pathways.systemtests.JourneySupport.FWT_EMPLOYMENT;
import static org.pathways.systemtests.JourneySupport.KAIROS;
import static org.pathways.systemtests.JourneySupport.accessLog;
import static org.pathways.systemtests.JourneySupport.awaitInbox;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.readsIn;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.send;
import static org.pathways.systemtests.JourneySupport.userId;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pathways.systemtests.JourneySupport.Read;

import io.restassured.path.json.JsonPath;

/**
 * Journey 1 (issue 8): Kairos -> CRASAC -> CELC -> FWT. Kairos records her case summary and consent with her once;
 * CRASAC's single point of contact is told, sees the triage sections before accepting and what she agreed to after,
 * starts, completes with an onward need; the onward referral goes to CELC, and CELC refers her on to FWT. The pathway
 * view shows the chain, her access log shows every read, and no section was ever entered twice.
 */
class CoventryPathwayJourneyTest {

    static final List<String> ALL_SECTIONS = List.of("SAFE_CONTACT", "COMMUNICATION", "NEEDS", "RISK", "IMMIGRATION", "STORY", "GOALS");

    @Test
    void kairosCrasacCelcFwt() {
        Journey j = new Journey("1 Kairos -> CRASAC -> CELC -> FWT");
        Instant start = Instant.now().minusSeconds(5);
        String kairosWorker = userId("kairos.caseworker1");
        // Every read this journey makes of her data, in order, as her access log must show it.
        List<Read> reads = new ArrayList<>();

        String subject = j.step("Kairos registers her", () -> registerKnownToConsent("kairos.caseworker1"));

        j.step("Kairos records her case summary, each section once", () -> {
            Map<String, String> sections = new LinkedHashMap<>();
            sections.put("SAFE_CONTACT", "{\"doNotContact\":false,\"contactViaNamedWorkerOnly\":true,\"namedWorkerId\":\""
                    + kairosWorker + "\",\"safeMethods\":[\"VIA_WORKER\"],\"instructions\":\"Only through her key worker\"}");
            sections.put("COMMUNICATION", "{\"preferredLanguage\":\"pa\",\"interpreterNeeded\":true,\"interpreterGender\":\"FEMALE\"}");
            sections.put("NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"inHerWords\":\"I want to talk to someone\","
                    + "\"status\":\"IDENTIFIED\"},{\"code\":\"legal-immigration\",\"status\":\"IDENTIFIED\"},"
                    + "{\"code\":\"employment-skills\",\"status\":\"IDENTIFIED\"}]}");
            sections.put("RISK", "{\"level\":\"MEDIUM\",\"maracInvolved\":false}");
            sections.put("IMMIGRATION", "{\"noRecourseToPublicFunds\":true,\"applicationsInProgress\":[\"DDVC\"]}");
            sections.put("STORY", "{\"text\":\"Her account, told once, in her own words.\",\"language\":\"en\"}");
            sections.put("GOALS", "{\"goals\":[{\"goal\":\"Find paid work\"}]}");
            sections.forEach((category, json) -> assertEquals(1, writeOnce("kairos.caseworker1", subject, category, json),
                    category + " is a first version"));
        });

        String consent = j.step("Kairos records her consent: which organisation may see which sections", () -> {
            Map<String, List<String>> shares = new LinkedHashMap<>();
            shares.put(CRASAC, List.of("SAFE_CONTACT", "COMMUNICATION", "NEEDS", "STORY"));
            shares.put(CELC, List.of("SAFE_CONTACT", "COMMUNICATION", "NEEDS", "IMMIGRATION"));
            shares.put(FWT, List.of("SAFE_CONTACT", "NEEDS", "GOALS"));
            return recordConsent("kairos.caseworker1", subject, shares);
        });

        String toCrasac = j.step("Kairos refers her to CRASAC counselling", () -> {
            Map<String, Object> body = referralBody(subject, CRASAC_COUNSELLING, List.of("counselling"),
                    List.of("SAFE_CONTACT", "COMMUNICATION", "NEEDS", "STORY"));
            body.put("note", "She asked for a female counsellor.");
            JsonPath sent = send("kairos.caseworker1", body).statusCode(201).body("state", equalTo("SENT"))
                    .body("version", equalTo(1)).body("fromOrganisationId", equalTo(KAIROS))
                    .body("toOrganisationId", equalTo(CRASAC)).extract().jsonPath();
            assertEquals(sent.getString("id"), sent.getString("pathwayId"), "the first referral names the pathway");
            return sent.getString("id");
        });

        j.step("CRASAC's single point of contact is notified", () -> {
            Map<String, Object> item = awaitInbox("crasac.coordinator1", toCrasac, "REFERRAL_SENT", start);
            assertEquals("SENT", item.get("state"));
        });

        j.step("CRASAC reads the referral and, before accepting, only the triage sections", () -> {
            as("crasac.coordinator1").get(url("referral", "/api/referrals/" + toCrasac)).then().statusCode(200)
                    .body("note", equalTo("She asked for a female counsellor.")).body("state", equalTo("SENT"));
            // The note follows her consent for NEEDS (issue 14): the read names the section and rests on her consent.
            reads.add(Read.of(CRASAC, "REFERRAL_READ", "GRANTED", List.of("NEEDS")));
            as("crasac.coordinator1").get(url("referral", "/api/referrals/" + toCrasac + "/summary")).then().statusCode(200)
                    .body("state", equalTo("SENT"))
                    .body("sections.category", contains("SAFE_CONTACT", "COMMUNICATION", "NEEDS"))
                    .body("sections.basis.type", everyItem(equalTo("CONSENT")))
                    .body("sections.basis.consentId", everyItem(equalTo(consent)))
                    .body("withheld.category", contains("STORY")).body("withheld[0].status", equalTo("WITHHELD"))
                    .body("withheld[0].reason", equalTo("AWAITING_ACCEPTANCE"))
                    .body("contactFlags.contactViaNamedWorkerOnly", equalTo(true))
                    .body("contactFlags.namedWorkerId", equalTo(kairosWorker));
            reads.add(Read.of(CRASAC, "REFERRAL_SUMMARY_READ", "GRANTED", List.of("SAFE_CONTACT", "COMMUNICATION", "NEEDS")));
            reads.add(Read.of(CRASAC, "REFERRAL_SUMMARY_READ", "DENIED", List.of("STORY")));
        });

        j.step("CRASAC accepts", () -> move("crasac.coordinator1", toCrasac, 1, Map.of("target", "ACCEPTED")).statusCode(200)
                .body("state", equalTo("ACCEPTED")).body("version", equalTo(2)));

        j.step("CRASAC sees the sections she agreed to, and nothing else", () -> {
            as("crasac.caseworker1").get(url("referral", "/api/referrals/" + toCrasac + "/summary")).then().statusCode(200)
                    .body("sections.category", contains("SAFE_CONTACT", "COMMUNICATION", "NEEDS", "STORY"))
                    .body("sections.version", everyItem(equalTo(1)))
                    .body("sections.find { it.category == 'STORY' }.content.text", equalTo("Her account, told once, in her own words."))
                    .body("withheld", empty());
            reads.add(Read.of(CRASAC, "REFERRAL_SUMMARY_READ", "GRANTED", List.of("SAFE_CONTACT", "COMMUNICATION", "NEEDS", "STORY")));
        });

        j.step("CRASAC starts: first contact made", () -> move("crasac.caseworker1", toCrasac, 2, Map.of("target", "IN_PROGRESS"))
                .statusCode(200).body("state", equalTo("IN_PROGRESS")).body("version", equalTo(3)));

        j.step("CRASAC completes with an outcome and an onward need: immigration advice", () -> {
            move("crasac.caseworker1", toCrasac, 3, Map.of("target", "COMPLETED", "outcomes", Map.of("counselling", "NEED_MET"),
                    "onwardNeeds", List.of("legal-immigration"))).statusCode(200).body("state", equalTo("COMPLETED"))
                    .body("version", equalTo(4));
            as("kairos.caseworker1").get(url("referral", "/api/referrals/" + toCrasac + "/history")).then().statusCode(200)
                    .body("to", contains("SENT", "ACCEPTED", "IN_PROGRESS", "COMPLETED"))
                    .body("[3].outcomes.counselling", equalTo("NEED_MET")).body("[3].onwardNeeds", contains("legal-immigration"));
            awaitInbox("kairos.caseworker1", toCrasac, "REFERRAL_COMPLETED", start);
        });

        Map<String, Object> proposed = j.step("The pathway proposes the onward referral CRASAC identified", () -> {
            JsonPath pathway = as("kairos.caseworker1").get(url("referral", "/api/pathways/" + toCrasac)).then().statusCode(200)
                    .body("proposals", hasSize(1)).body("proposals[0].afterReferralId", equalTo(toCrasac))
                    .body("proposals[0].proposedByOrganisationId", equalTo(CRASAC))
                    .body("proposals[0].needs", contains("legal-immigration"))
                    .body("proposals[0].send.pathwayId", equalTo(toCrasac)).body("proposals[0].send.subjectId", equalTo(subject))
                    .extract().jsonPath();
            return pathway.getMap("proposals[0].send");
        });

        String toCelc = j.step("The onward referral goes to CELC immigration advice, on the same pathway", () -> {
            // CRASAC's access ended with its referral; her owner sends what CRASAC proposed (ADR 0037: the ordinary send
            // decides who may, her owner or an organisation with a live referral for her).
            Map<String, Object> body = new LinkedHashMap<>(proposed);
            body.put("toServiceId", CELC_IMMIGRATION);
            body.put("urgency", "ROUTINE");
            body.put("sections", List.of("SAFE_CONTACT", "COMMUNICATION", "NEEDS", "IMMIGRATION"));
            body.put("personKnows", true);
            return send("kairos.caseworker1", body).statusCode(201).body("pathwayId", equalTo(toCrasac))
                    .body("toOrganisationId", equalTo(CELC)).body("needs", contains("legal-immigration"))
                    .extract().<String>path("id");
        });

        j.step("CELC's single point of contact is notified, accepts and sees what she agreed CELC may see", () -> {
            awaitInbox("celc.coordinator1", toCelc, "REFERRAL_SENT", start);
            move("celc.coordinator1", toCelc, 1, Map.of("target", "ACCEPTED")).statusCode(200);
            as("celc.caseworker1").get(url("referral", "/api/referrals/" + toCelc + "/summary")).then().statusCode(200)
                    .body("sections.category", contains("SAFE_CONTACT", "COMMUNICATION", "NEEDS", "IMMIGRATION"))
                    .body("withheld", empty());
            reads.add(Read.of(CELC, "REFERRAL_SUMMARY_READ", "GRANTED", List.of("SAFE_CONTACT", "COMMUNICATION", "NEEDS", "IMMIGRATION")));
            move("celc.caseworker1", toCelc, 2, Map.of("target", "IN_PROGRESS")).statusCode(200);
        });

        String toFwt = j.step("CELC refers her on to FWT employment and skills", () -> send("celc.caseworker1",
                referralBody(subject, FWT_EMPLOYMENT, List.of("employment-skills"), List.of("SAFE_CONTACT", "NEEDS", "GOALS")))
                .statusCode(201).body("pathwayId", equalTo(toCrasac)).body("fromOrganisationId", equalTo(CELC))
                .body("toOrganisationId", equalTo(FWT)).extract().<String>path("id"));

        j.step("FWT accepts and sees only NEEDS, GOALS and the contact flags", () -> {
            move("fwt.coordinator1", toFwt, 1, Map.of("target", "ACCEPTED")).statusCode(200);
            as("fwt.caseworker1").get(url("referral", "/api/referrals/" + toFwt + "/summary")).then().statusCode(200)
                    .body("sections.category", contains("SAFE_CONTACT", "NEEDS", "GOALS")).body("withheld", empty())
                    .body("contactFlags.contactViaNamedWorkerOnly", equalTo(true));
            reads.add(Read.of(FWT, "REFERRAL_SUMMARY_READ", "GRANTED", List.of("SAFE_CONTACT", "NEEDS", "GOALS")));
        });

        j.step("The pathway view shows the chain: three referrals, in order, one pathway", () -> {
            for (String user : List.of("kairos.caseworker1", "celc.caseworker1", "fwt.coordinator1")) {
                as(user).get(url("referral", "/api/pathways/" + toCrasac)).then().statusCode(200)
                        .body("pathwayId", equalTo(toCrasac)).body("subjectId", equalTo(subject))
                        .body("ownerOrganisationId", equalTo(KAIROS))
                        .body("steps.referral.id", contains(toCrasac, toCelc, toFwt))
                        .body("steps.referral.pathwayId", everyItem(equalTo(toCrasac)))
                        .body("steps.referral.toOrganisationId", contains(CRASAC, CELC, FWT))
                        .body("steps.referral.state", contains("COMPLETED", "IN_PROGRESS", "ACCEPTED"))
                        .body("steps.relation", contains("START", "ONWARD", "ONWARD"))
                        .body("steps[0].follows", nullValue()).body("steps[1].follows", equalTo(toCrasac))
                        .body("steps[2].follows", equalTo(toCelc))
                        .body("proposals", empty())
                        // Metadata only: no note, no sections.
                        .body("steps[0].referral.note", nullValue()).body("steps[0].referral.sections", nullValue());
            }
        });

        // Issue 17, item 6 (ADR 0066): CRASAC's recorded outcome updates the status of her need in NEEDS as a new
        // version attributed to CRASAC; nobody re-entered anything she told Kairos.
        j.step("No section was entered twice: each is version 1, written by Kairos' worker; NEEDS also carries CRASAC's outcome", () -> {
            as("kairos.caseworker1").get(url("referral", "/api/subjects/" + subject + "/summary")).then().statusCode(200)
                    .body("sections", hasSize(ALL_SECTIONS.size()))
                    .body("sections.findAll { it.category != 'NEEDS' }.version", everyItem(equalTo(1)))
                    .body("sections.findAll { it.category != 'NEEDS' }.authorId", everyItem(equalTo(kairosWorker)))
                    .body("sections.findAll { it.category != 'NEEDS' }.authorOrganisationId", everyItem(equalTo(KAIROS)))
                    .body("sections.find { it.category == 'NEEDS' }.version", equalTo(2))
                    .body("sections.find { it.category == 'NEEDS' }.authorOrganisationId", equalTo(CRASAC))
                    .body("sections.find { it.category == 'NEEDS' }.content.needs.find { it.code == 'counselling' }.status", equalTo("MET"));
            reads.add(Read.of(KAIROS, "SUMMARY_READ", "GRANTED", ALL_SECTIONS));
            for (String category : ALL_SECTIONS) {
                // The version list is not a read of content (not audited).
                var versions = as("kairos.caseworker1").get(url("referral", "/api/subjects/" + subject + "/summary/sections/" + category + "/versions"))
                        .then().statusCode(200);
                if (category.equals("NEEDS")) versions.body("version", contains(2, 1)).body("authorId[1]", equalTo(kairosWorker));
                else versions.body("version", contains(1)).body("authorId", contains(kairosWorker));
            }
        });

        j.step("Her access log shows every read made in the journey, by organisation", () -> {
            List<Map<String, Object>> log = accessLog("kairos.caseworker1", subject);
            assertEquals(reads, readsIn(log));
            // Writes: seven sections by Kairos, and CRASAC's outcome on NEEDS (ADR 0066); the three sends by Kairos,
            // Kairos and CELC.
            assertEquals(ALL_SECTIONS.size(), log.stream().filter(e -> "SECTION_WRITTEN".equals(e.get("action"))
                    && KAIROS.equals(e.get("organisationId")) && kairosWorker.equals(e.get("userId"))).count());
            assertEquals(1, log.stream().filter(e -> "SECTION_WRITTEN".equals(e.get("action")) && CRASAC.equals(e.get("organisationId"))).count());
            assertEquals(ALL_SECTIONS.size() + 1, log.stream().filter(e -> "SECTION_WRITTEN".equals(e.get("action"))).count());
            assertEquals(List.of(KAIROS, KAIROS, CELC), log.stream().filter(e -> "REFERRAL_SENT".equals(e.get("action")))
                    .map(e -> e.get("organisationId")).toList());
            // Granted reads through referrals name her consent as their basis.
            log.stream().filter(e -> "REFERRAL_SUMMARY_READ".equals(e.get("action")) && "GRANTED".equals(e.get("outcome")))
                    .forEach(e -> assertEquals(consent + ":1", e.get("basisRef")));
        });
    }
}
