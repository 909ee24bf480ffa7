package org.pathways.systemtests.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.pathways.consent.testing.ConsentDb;

/** Reads consent-service's own database directly, to show what erasure left behind. */
final class ErasureProbe {

    private ErasureProbe() {
    }

    static void assertNoFreeTextFor(String subject) {
        try (Connection conn = ConsentDb.connect()) {
            assertEquals(0, count(conn, "select count(*) from consent_version v join consent c on c.id = v.consent_id"
                    + " where c.subject_id = ? and v.explanation_note is not null", subject));
            assertEquals(0, count(conn, "select count(*) from safeguarding_override where subject_id = ? and justification is not null", subject));
            // ADR 0028: the ciphertexts and her key go too.
            assertEquals(0, count(conn, "select count(*) from consent_version v join consent c on c.id = v.consent_id"
                    + " where c.subject_id = ? and v.explanation_note_enc is not null", subject));
            assertEquals(0, count(conn, "select count(*) from safeguarding_override where subject_id = ? and justification_enc is not null", subject));
            assertEquals(0, count(conn, "select count(*) from subject_key where subject_id = ?", subject));
            assertEquals(0, count(conn, "select count(*) from consent_provision where subject_id = ? and active", subject));
            assertEquals(0, count(conn, "select count(*) from override_scope where subject_id = ? and active", subject));
            // History stays: ids, codes and dates.
            assertTrue(count(conn, "select count(*) from consent where subject_id = ?", subject) == 1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(Connection conn, String sql, String subject) throws java.sql.SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setObject(1, UUID.fromString(subject));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
