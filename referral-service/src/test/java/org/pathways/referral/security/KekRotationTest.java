package org.pathways.referral.security;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.register;
import static org.pathways.referral.Fixtures.story;
import static org.pathways.referral.Fixtures.uuid;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.pathways.platform.crypto.EnvelopeCrypto;
import org.pathways.platform.crypto.KekRotation;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * KEK rotation against the real database: her data key stored under a retired KEK still opens her summary, the rotation
 * re-wraps it under the current KEK (her texts are untouched and still read), and a key no configured KEK opens is left
 * alone without stopping the others.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
class KekRotationTest {

    /** The test profile's retired KEK (application.properties, %test.pathways.crypto.retired-keks). */
    static final String RETIRED = "asEF6iRpgcQ9aWcYdfNfCzb6SZa0r6P474784KQnPpQ=";

    @Inject
    AgroalDataSource db;

    @Inject
    KekRotation rotation;

    @Inject
    EnvelopeCrypto crypto;

    @Test
    void aKeyUnderARetiredKekStillOpensAndIsRewrappedUnderTheCurrentOne() throws Exception {
        String id = register("kairos.caseworker1");
        String text = "rotation-" + UUID.randomUUID();
        putSection("kairos.caseworker1", id, "STORY", story(text));
        // Put her key under the retired KEK, as a store written before the rotation would hold it: a tool whose current
        // KEK is the retired one, and which knows the service's current KEK, re-wraps it backwards.
        String current = ConfigProvider.getConfig().getValue("pathways.crypto.demo-kek", String.class);
        EnvelopeCrypto before = new EnvelopeCrypto(RETIRED, "kek-old", List.of(crypto.kekId() + ":" + current));
        byte[] old = before.rewrap(wrappedKey(id), SubjectCrypto.keyAad(uuid(id)));
        store(id, old, "kek-old");
        String stranger = register("kairos.caseworker1");
        putSection("kairos.caseworker1", stranger, "STORY", story("unopenable"));
        EnvelopeCrypto unknown = new EnvelopeCrypto("A".repeat(43) + "=", "kek-lost", List.of(crypto.kekId() + ":" + current));
        store(stranger, unknown.rewrap(wrappedKey(stranger), SubjectCrypto.keyAad(uuid(stranger))), "kek-lost");

        // Before the rotation has run: still readable, through the retired KEK.
        as("kairos.caseworker1").get("/api/subjects/" + id + "/summary/sections/STORY").then().statusCode(200)
                .body("content.text", equalTo(text));
        assertTrue(rotation.countPending() >= 2);

        assertTrue(rotation.rewrapAll(1) >= 1, "re-wrapped in batches of one");
        assertEquals(crypto.kekId(), kekId(id), "her key is under the current KEK now");
        assertTrue(!java.util.Arrays.equals(old, wrappedKey(id)), "and wrapped anew");
        as("kairos.caseworker1").get("/api/subjects/" + id + "/summary/sections/STORY").then().statusCode(200)
                .body("content.text", equalTo(text));
        // The key no KEK opens is left as it was, and is the only one still pending.
        assertEquals("kek-lost", kekId(stranger));
        assertEquals(1, rotation.countPending());
        // Leave the table as other tests expect it: every key under the current KEK.
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("delete from subject_key where kek_id = 'kek-lost'")) {
            ps.executeUpdate();
        }
        assertEquals(0, rotation.countPending());
    }

    private byte[] wrappedKey(String subject) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select wrapped_key from subject_key where subject_id = ?")) {
            ps.setObject(1, uuid(subject));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getBytes(1);
            }
        }
    }

    private String kekId(String subject) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select kek_id from subject_key where subject_id = ?")) {
            ps.setObject(1, uuid(subject));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    private void store(String subject, byte[] wrapped, String kekId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("update subject_key set wrapped_key = ?, kek_id = ? where subject_id = ?")) {
            ps.setBytes(1, wrapped);
            ps.setString(2, kekId);
            ps.setObject(3, uuid(subject));
            assertEquals(1, ps.executeUpdate());
        }
    }
}
