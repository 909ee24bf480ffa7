package org.pathways.systemtests.consent;

import static org.pathways.systemtests.consent.ConsentApi.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.consent.ConsentBodies.provision;
import static org.pathways.systemtests.consent.ConsentBodies.recipient;
import static org.pathways.systemtests.consent.ConsentApi.COVENTRY;
import static org.pathways.systemtests.consent.ConsentApi.CRASAC;
import static org.pathways.systemtests.consent.ConsentApi.KAIROS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.pathways.platform.testing.Tokens;
import org.pathways.stack.StackLayout;
import org.pathways.stack.StackManager;

import io.restassured.http.ContentType;
import org.pathways.consent.testing.ConsentDb;
import org.pathways.consent.testing.ReferralServiceEvents;

/**
 * Issue 14, finding 6 (ADR 0028): her words in consent-service — explanation notes (first version, a changed version,
 * the version a partial withdrawal makes) and override justifications — are encrypted under her own key, and after
 * her erasure no byte of them is left in the consent database's files on disk. Read the raw PostgreSQL files after a
 * CHECKPOINT: a plain column or a dead row version would still hold the canary.
 */
class FreeTextOnDiskTest {

    static String kairos() {
        return Tokens.forUser("kairos.caseworker1");
    }

    @Test
    void herFreeTextIsEncryptedUnderHerKeyAndNoCanaryIsOnDiskAfterHerErasure() throws Exception {
        String canary = "CANARY" + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII), 0, 12);
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        Map<String, Object> first = new HashMap<>(ConsentBodies.consent(COVENTRY, List.of(
                provision(List.of(recipient("ORGANISATION", CRASAC)), List.of("REFERRAL"), List.of("NEEDS", "STORY")))));
        first.put("explanationNote", "Explained to Amina Begum " + canary + "-note1");
        String consentId = given().auth().oauth2(kairos()).contentType(ContentType.JSON).body(first)
                .post("/api/subjects/" + subject + "/consents").then().statusCode(201)
                .body("versions[0].explanationNote", equalTo("Explained to Amina Begum " + canary + "-note1"))
                .extract().path("id");
        Map<String, Object> second = new HashMap<>(ConsentBodies.newVersion(1, List.of(
                provision(List.of(recipient("ORGANISATION", CRASAC)), List.of("REFERRAL"), List.of("NEEDS", "STORY")))));
        second.put("explanationNote", "Amina asked again " + canary + "-note2");
        given().auth().oauth2(kairos()).contentType(ContentType.JSON).body(second)
                .post("/api/consents/" + consentId + "/versions").then().statusCode(200);
        // A partial withdrawal carries the note into the version it makes.
        given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(Map.of("scope", "PARTIAL", "category", "STORY", "method", "VERBAL"))
                .post("/api/consents/" + consentId + "/withdrawals").then().statusCode(200)
                .body("versions[2].explanationNote", equalTo("Amina asked again " + canary + "-note2"));
        Map<String, Object> override = new HashMap<>(SafeguardingOverrideTest.riskToCrasac());
        override.put("justification", "Amina Begum at risk " + canary + "-justification");
        String overrideId = given().auth().oauth2(kairos()).contentType(ContentType.JSON).body(override)
                .post("/api/subjects/" + subject + "/overrides").then().statusCode(201)
                .body("justification", equalTo("Amina Begum at risk " + canary + "-justification")).extract().path("id");
        given().auth().oauth2(kairos()).get("/api/overrides/" + overrideId).then().statusCode(200)
                .body("justification", equalTo("Amina Begum at risk " + canary + "-justification"));

        // Stored: ciphertext only, under her own key.
        UUID s = UUID.fromString(subject);
        assertEquals(1, ConsentDb.count("select count(*) from subject_key where subject_id = ?", s));
        assertEquals(0, ConsentDb.count("select count(*) from consent_version v join consent c on c.id = v.consent_id"
                + " where c.subject_id = ? and v.explanation_note is not null", s));
        assertEquals(3, ConsentDb.count("select count(*) from consent_version v join consent c on c.id = v.consent_id"
                + " where c.subject_id = ? and v.explanation_note_enc is not null", s));
        assertEquals(0, ConsentDb.count("select count(*) from safeguarding_override where subject_id = ?"
                + " and (justification is not null or justification_enc is null)", s));

        ReferralServiceEvents.erased(subject, KAIROS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(kairos())
                .get("/api/consents/" + consentId).then().statusCode(404));
        assertEquals(0, ConsentDb.count("select count(*) from subject_key where subject_id = ?", s), "her key is destroyed");
        ErasureProbe.assertNoFreeTextFor(subject);

        // A positive control: a plain canary written the same way must be found, so the scan reads the right files.
        String control = "CONTROL" + UUID.randomUUID().toString().replace("-", ""); // must not contain the canary
        List<Path> files;
        try (Connection su = superuser()) {
            try (Statement st = su.createStatement()) {
                st.execute("create table if not exists disk_scan_control (t text)");
                st.execute("insert into disk_scan_control values ('" + control + "')");
                st.execute("checkpoint");
                files = databaseFiles(su);
            }
            try {
                assertFalse(files.isEmpty());
                assertTrue(anyContains(files, control), "the scan must find a plain control value");
                assertFalse(anyContains(files, canary), "her words are on disk after her erasure");
            } finally {
                try (Statement st = su.createStatement()) {
                    st.execute("drop table disk_scan_control");
                }
            }
        }
    }

    static Connection superuser() throws Exception {
        StackLayout layout = StackManager.forProfile("test").layout();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + layout.postgresPort() + "/consent", "postgres",
                "postgres-local");
    }

    /** Every file of the consent database's directory (tables, indexes, TOAST, free space maps). */
    static List<Path> databaseFiles(Connection su) throws Exception {
        long oid;
        try (Statement st = su.createStatement(); ResultSet rs = st.executeQuery(
                "select oid from pg_database where datname = current_database()")) {
            rs.next();
            oid = rs.getLong(1);
        }
        Path dir = StackManager.forProfile("test").layout().state().resolve("postgres/data/base/" + oid);
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    static boolean anyContains(List<Path> files, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        for (Path f : files) {
            try {
                if (indexOf(Files.readAllBytes(f), n) >= 0) return true;
            } catch (java.nio.file.NoSuchFileException gone) {
                // dropped or rewritten meanwhile
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
