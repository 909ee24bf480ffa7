package org.pathways.referral.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.anonymous;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.register;
import static org.pathways.referral.Fixtures.story;
import static org.pathways.referral.Fixtures.userId;
import static org.pathways.referral.Fixtures.uuid;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
class SummaryResourceTest {

    @Inject
    AgroalDataSource db;

    private static String sections(String id) {
        return "/api/subjects/" + id + "/summary/sections/";
    }

    @Test
    void sectionsAreWrittenOneAtATimeVersionedWithAuthorAndAllVersionsKept() {
        String id = register("kairos.caseworker1");
        String author1 = userId("kairos.caseworker1");
        String author2 = userId("kairos.coordinator1");
        as("kairos.caseworker1").body(story("first telling")).put(sections(id) + "STORY").then().statusCode(200)
                .header("ETag", "\"1\"").body("version", equalTo(1)).body("category", equalTo("STORY"))
                .body("authorId", equalTo(author1)).body("authorOrganisationId", equalTo(KAIROS))
                .body(not(containsString("first telling")));
        as("kairos.coordinator1").header("If-Match", "\"1\"").body(story("second telling")).put(sections(id) + "story").then()
                .statusCode(200).body("version", equalTo(2)).body("authorId", equalTo(author2));

        as("kairos.caseworker1").get(sections(id) + "STORY").then().statusCode(200).header("ETag", "\"2\"")
                .body("version", equalTo(2)).body("content.text", equalTo("second telling")).body("content.language", equalTo("en"));
        as("kairos.caseworker1").get(sections(id) + "STORY/versions").then().statusCode(200)
                .body("version", contains(2, 1)).body("authorId", contains(author2, author1))
                .body(not(containsString("telling")));
        as("kairos.caseworker2").get(sections(id) + "STORY/versions/1").then().statusCode(200)
                .body("version", equalTo(1)).body("content.text", equalTo("first telling"));
        as("kairos.caseworker1").get(sections(id) + "STORY/versions/3").then().statusCode(404);
        as("kairos.caseworker1").get(sections(id) + "GOALS").then().statusCode(404).contentType(startsWith("application/problem+json"));
        assertEquals(2, count(db, "select count(*) from summary_section where subject_id = ? and category = 'STORY'", uuid(id)));
    }

    @Test
    void theSummaryShowsEverySectionAndTheContactFlags() {
        String id = register("kairos.caseworker1");
        String worker = userId("kairos.caseworker1");
        String[][] all = {
                { "IDENTITY", "{\"name\":\"A N Other\",\"otherNames\":[\"Ann\"],\"dateOfBirth\":\"1990-02-03\",\"pronouns\":\"she/her\"}" },
                { "SAFE_CONTACT", "{\"doNotContact\":true,\"contactViaNamedWorkerOnly\":true,\"namedWorkerId\":\"" + worker
                        + "\",\"safeMethods\":[\"VIA_WORKER\"],\"messageMayBeLeft\":false}" },
                { "COMMUNICATION", "{\"preferredLanguage\":\"pa\",\"interpreterNeeded\":true,\"interpreterGender\":\"FEMALE\"}" },
                { "NEEDS", "{\"needs\":[{\"code\":\"sexual-violence\",\"status\":\"IDENTIFIED\"},{\"code\":\"legal-immigration\",\"inHerWords\":\"visa\",\"status\":\"IDENTIFIED\"}]}" },
                { "RISK", "{\"level\":\"HIGH\",\"assessmentTool\":\"DASH\",\"maracInvolved\":true}" },
                { "CHILDREN", "{\"children\":[{\"ageYears\":4,\"livesWith\":\"her\"}]}" },
                { "IMMIGRATION", "{\"noRecourseToPublicFunds\":true,\"applicationsInProgress\":[\"DDVC\"]}" },
                { "HEALTH", "{\"mentalHealth\":\"anxiety\"}" },
                { "HOUSING", "{\"safe\":false,\"refugeNeeded\":true}" },
                { "MONEY", "{\"inHardship\":true}" },
                { "STORY", story("her words") },
                { "GOALS", "{\"goals\":[{\"goal\":\"safe home\",\"by\":\"2027-06-01\"}]}" } };
        for (String[] s : all) putSection("kairos.caseworker1", id, s[0], s[1]);

        as("kairos.coordinator1").get("/api/subjects/" + id + "/summary").then().statusCode(200)
                .body("subjectId", equalTo(id))
                .body("sections.category", contains("IDENTITY", "SAFE_CONTACT", "COMMUNICATION", "NEEDS", "RISK", "CHILDREN",
                        "IMMIGRATION", "HEALTH", "HOUSING", "MONEY", "STORY", "GOALS"))
                .body("contactFlags.doNotContact", equalTo(true)).body("contactFlags.contactViaNamedWorkerOnly", equalTo(true))
                .body("contactFlags.namedWorkerId", equalTo(worker))
                .body("sections.find { it.category == 'IDENTITY' }.content.dateOfBirth", equalTo("1990-02-03"));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'SUMMARY_READ' and categories = ?",
                uuid(id), "CHILDREN,COMMUNICATION,GOALS,HEALTH,HOUSING,IDENTITY,IMMIGRATION,MONEY,NEEDS,RISK,SAFE_CONTACT,STORY"));

        String empty = register("kairos.caseworker1");
        as("kairos.caseworker1").get("/api/subjects/" + empty + "/summary").then().statusCode(200)
                .body("sections.size()", equalTo(0)).body("contactFlags", nullValue());
    }

    @Test
    void sectionsAreEncryptedAtRestAndDestroyingHerKeyMakesThemUnrecoverable() throws Exception {
        String id = register("kairos.caseworker1");
        String secret = "plaintext-marker-" + UUID.randomUUID();
        putSection("kairos.caseworker1", id, "STORY", story(secret));
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select ciphertext from summary_section where subject_id = ?");
             PreparedStatement key = c.prepareStatement("select wrapped_key, kek_id from subject_key where subject_id = ?")) {
            ps.setObject(1, uuid(id));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                byte[] stored = rs.getBytes(1);
                assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(secret), "the section is not stored in clear");
                assertEquals(1, stored[0], "format byte");
                assertTrue(stored.length >= 1 + 12 + secret.length() + 16, "nonce, ciphertext and tag");
            }
            key.setObject(1, uuid(id));
            try (ResultSet rs = key.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(1 + 12 + 32 + 16, rs.getBytes(1).length, "a wrapped AES-256 key");
                assertEquals("demo", rs.getString(2), "tests run with the public demo key, and the row says so");
            }
        }
        as("kairos.caseworker1").get(sections(id) + "STORY").then().statusCode(200).body("content.text", equalTo(secret));

        // Erasure (a later issue) destroys her key row: every version of every section is then unreadable.
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("delete from subject_key where subject_id = ?")) {
            ps.setObject(1, uuid(id));
            assertEquals(1, ps.executeUpdate());
        }
        as("kairos.caseworker1").get(sections(id) + "STORY").then().statusCode(404).body(not(containsString(secret)));
        as("kairos.caseworker1").get("/api/subjects/" + id + "/summary").then().statusCode(404);
        as("kairos.caseworker1").body(story("new")).put(sections(id) + "STORY").then().statusCode(404);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String id = register("kairos.caseworker1");
        putSection("kairos.caseworker1", id, "STORY", story("kept"));
        as("kairos.caseworker1").body(story("x")).put(sections(id) + "FEELINGS").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("category"));
        as("kairos.caseworker1").get(sections(id) + "FEELINGS").then().statusCode(400).body("errors.field", hasItem("category"));
        as("kairos.caseworker1").body(story("y".repeat(20_001))).put(sections(id) + "STORY").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("text"));
        as("kairos.caseworker1").body("{\"text\":\"ok\",\"mood\":\"secret-mood\"}").put(sections(id) + "STORY").then().statusCode(400)
                .body("errors.field", hasItem("mood")).body(not(containsString("secret-mood")));
        as("kairos.caseworker1").body("{}").put(sections(id) + "STORY").then().statusCode(400).body("errors.field", hasItem("text"));
        as("kairos.caseworker1").body("[]").put(sections(id) + "STORY").then().statusCode(400);
        as("kairos.caseworker1").body("{\"needs\":[{\"code\":\"astrology\",\"status\":\"IDENTIFIED\"}]}").put(sections(id) + "NEEDS")
                .then().statusCode(400).body("errors.field", hasItem("needs[0].code"));
        as("kairos.caseworker1").body("{\"needs\":[{\"code\":\"fgm\"}]}").put(sections(id) + "NEEDS")
                .then().statusCode(400).body("errors.field", hasItem("needs[0].status"));
        as("kairos.caseworker1").body("{\"contactViaNamedWorkerOnly\":false}").put(sections(id) + "SAFE_CONTACT")
                .then().statusCode(400).body("errors.field", hasItem("doNotContact"));
        as("kairos.caseworker1").body("{\"doNotContact\":false,\"contactViaNamedWorkerOnly\":true}").put(sections(id) + "SAFE_CONTACT")
                .then().statusCode(400).body("errors.field", hasItem("namedWorkerId"));
        as("kairos.caseworker1").body("{\"name\":\"A\",\"dateOfBirth\":\"3rd of May\"}").put(sections(id) + "IDENTITY")
                .then().statusCode(400).body("errors.field", hasItem("dateOfBirth")).body(not(containsString("3rd of May")));
        as("kairos.caseworker1").body("{\"level\":\"EXTREME\"}").put(sections(id) + "RISK").then().statusCode(400)
                .body("errors.field", hasItem("level"));
        // Stale or create-only writes are conflicts.
        as("kairos.caseworker1").header("If-Match", "\"0\"").body(story("z")).put(sections(id) + "STORY").then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
        as("kairos.caseworker1").header("If-Match", "\"7\"").body(story("z")).put(sections(id) + "STORY").then().statusCode(409);

        assertEquals(1, count(db, "select count(*) from summary_section where subject_id = ?", uuid(id)), "nothing was written");
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'SECTION_WRITTEN'", uuid(id)));
        as("kairos.caseworker1").get(sections(id) + "STORY").then().body("content.text", equalTo("kept"));
    }

    @Test
    void onlyHerOrganisationsCaseRolesSeeOrWriteHerSummary() {
        String id = register("kairos.caseworker1");
        putSection("kairos.caseworker1", id, "STORY", story("owner only"));
        List<String> paths = List.of("/api/subjects/" + id + "/summary", sections(id) + "STORY", sections(id) + "STORY/versions",
                sections(id) + "STORY/versions/1");
        for (String path : paths) {
            anonymous().get(path).then().statusCode(401).contentType(startsWith("application/problem+json"));
            for (String user : List.of("wbg.evaluator1", "kairos.admin1", "fwt.privacy1")) {
                as(user).get(path).then().statusCode(403).contentType(startsWith("application/problem+json"));
            }
            for (String user : List.of("crasac.caseworker1", "sbs.caseworker1", "fwt.connector1")) {
                as(user).get(path).then().statusCode(404).contentType(startsWith("application/problem+json"))
                        .body(not(containsString("owner only")));
            }
            as("kairos.coordinator1").get(path).then().statusCode(200);
        }
        anonymous().body(story("x")).put(sections(id) + "STORY").then().statusCode(401);
        as("wbg.evaluator1").body(story("x")).put(sections(id) + "STORY").then().statusCode(403);
        as("crasac.caseworker1").body(story("x")).put(sections(id) + "STORY").then().statusCode(404);
        as("sbs.caseworker1").body(story("x")).put(sections(id) + "STORY").then().statusCode(404);
        as("kairos.caseworker1").get("/api/subjects/" + UUID.randomUUID() + "/summary").then().statusCode(404);
        assertEquals(1, count(db, "select count(*) from summary_section where subject_id = ?", uuid(id)));
    }

    /**
     * Canary: a unique string planted in her summary comes back to her organisation (positive control) and appears
     * nowhere else: not in the outbox, not in the audit, not on the referral.events topic.
     */
    @Test
    void aCanaryInTheSummaryNeverLeavesTheEncryptedStore() {
        String canary = "CANARY-" + UUID.randomUUID();
        String id = register("kairos.caseworker1");
        putSection("kairos.caseworker1", id, "STORY", story("she said " + canary));
        putSection("kairos.caseworker1", id, "IDENTITY", "{\"name\":\"" + canary + "\"}");
        as("kairos.caseworker2").get(sections(id) + "STORY").then().statusCode(200).body("content.text", containsString(canary));
        as("kairos.caseworker2").get("/api/subjects/" + id + "/summary").then().statusCode(200).body(containsString(canary));
        as("kairos.caseworker2").get("/api/subjects/" + id + "/access-log").then().statusCode(200).body(not(containsString(canary)));
        String marker = register("kairos.caseworker1"); // its event is relayed after everything above committed

        assertEquals(0, count(db, "select count(*) from outbox_event e where e::text like ?", "%" + canary + "%"));
        assertEquals(0, count(db, "select count(*) from access_audit a where a::text like ?", "%" + canary + "%"));
        assertEquals(0, count(db, "select count(*) from subject s where s::text like ?", "%" + canary + "%"));
        assertEquals(0, count(db, "select count(*) from summary_section s where encode(ciphertext, 'escape') like ?", "%" + canary + "%"));
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader.readToEnd(Topics.REFERRAL_EVENTS).stream()
                .anyMatch(r -> marker.equals(r.key())));
        assertTrue(TopicReader.readToEnd(Topics.REFERRAL_EVENTS).stream()
                .noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(canary)
                        || (r.key() != null && r.key().contains(canary))), "the canary reached Kafka");
    }
}
