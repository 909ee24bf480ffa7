package org.pathways.referral.report;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.ReferralFixtures.FWT;
import static org.pathways.referral.ReferralFixtures.FWT_EMPLOYMENT;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14, finding 6: every free text about her in referral-service's database is encrypted under her key, so erasing
 * her key destroys it. A canary goes into every free-text field (a section, the referral's note and safe-contact
 * instructions, a signpost's external organisation); she is erased; after a CHECKPOINT the raw PostgreSQL files of the
 * referral database (dead row versions included: an UPDATE or DELETE leaves them until VACUUM) hold no canary.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class ErasureRawFilesTest {

    @Test
    void afterErasureNoFreeTextOfHersIsLeftInTheDatabaseFiles() throws Exception {
        String canary = "CANARYRAW" + UUID.randomUUID().toString().replace("-", "");
        String subject = registeredAndKnownToConsent("celc.caseworker1");
        putSection("celc.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"employment-skills\",\"inHerWords\":\"" + canary
                + "\",\"status\":\"IDENTIFIED\"}]}");
        putSection("celc.caseworker1", subject, "STORY", "{\"text\":\"" + canary + "\",\"language\":\"en\"}");
        recordConsent("celc.caseworker1", subject, List.of(FWT), List.of("REFERRAL"), List.of("NEEDS"));
        Map<String, Object> body = referral(subject, FWT_EMPLOYMENT, List.of("employment-skills"), List.of("NEEDS"));
        body.put("note", canary);
        body.put("safeContactInstructions", canary);
        send("celc.caseworker1", body).statusCode(201);
        as("celc.caseworker1").body(Map.of("needCode", "employment-skills", "externalOrganisation", canary))
                .post("/api/subjects/" + subject + "/signposts").then().statusCode(201);
        // Positive control: before erasure the export gives the signpost text back (decrypted), and so does no file.
        as("celc.privacy1").get("/api/subjects/" + subject + "/subject-access-export").then().statusCode(200)
                .body("signposts[0].external_organisation", equalTo(canary));
        checkpoint();
        assertEquals(List.of(), filesContaining(canary), "a free text of hers is stored in clear");

        String request = as("celc.caseworker1").body("{\"reasonCode\":\"SUBJECT_REQUEST\"}")
                .post("/api/subjects/" + subject + "/erasure-requests").then().statusCode(201).extract().path("id");
        as("celc.privacy1").post("/api/erasure-requests/" + request + "/approval").then().statusCode(200)
                .body("state", equalTo("COMPLETED"));

        checkpoint();
        assertEquals(List.of(), filesContaining(canary), "after erasure a free text of hers is still in the database files");
        // Reports count signposts by code, not text: the export still lists the signpost, without its text.
        as("celc.privacy1").get("/api/subjects/" + subject + "/subject-access-export").then().statusCode(200)
                .body("signposts[0].need_code", equalTo("employment-skills"))
                .body("signposts[0].external_organisation", equalTo(null));
    }

    /** The test stack's PostgreSQL superuser (the launcher's local password), on the referral database. */
    private static Connection superuser() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return DriverManager.getConnection(url, "postgres", "postgres-local");
    }

    private static void checkpoint() throws SQLException {
        try (Connection c = superuser(); Statement st = c.createStatement()) {
            st.execute("checkpoint");
        }
    }

    /** Every file of the referral database (tables, TOAST, indexes) whose raw bytes hold {@code canary}. */
    private static List<String> filesContaining(String canary) throws SQLException, IOException {
        Path dir;
        try (Connection c = superuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('data_directory'), oid from pg_database "
                     + "where datname = current_database()")) {
            assertTrue(rs.next());
            dir = Path.of(rs.getString(1), "base", rs.getString(2));
        }
        assertTrue(Files.isDirectory(dir), "the database's files are at " + dir);
        byte[] needle = canary.getBytes(StandardCharsets.US_ASCII);
        List<String> hits = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(f)) continue;
                scanned++;
                if (contains(Files.readAllBytes(f), needle)) hits.add(f.getFileName().toString());
            }
        }
        assertTrue(scanned > 10, "scanned the database's files");
        return hits;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }
}
