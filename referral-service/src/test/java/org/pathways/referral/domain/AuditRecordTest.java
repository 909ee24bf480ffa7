package org.pathways.referral.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The hash chain's definition: every field counts, the previous hash counts, and no value can fake a boundary. */
class AuditRecordTest {

    private static AuditRecord row(String actor, String categories, String basisRef) {
        return new AuditRecord(7, UUID.fromString("00000000-0000-4000-8000-000000000007"), Instant.parse("2026-11-22T10:00:00.123456Z"),
                actor, UUID.fromString("5e1f0000-0000-4000-8000-000000000003"), "caseworker", "CASE_COORDINATION",
                UUID.fromString("00000000-0000-4000-8000-0000000000aa"), categories, "SECTION_READ", "OWNER", basisRef,
                "GRANTED", AuditRecord.GENESIS_HASH, null);
    }

    @Test
    void theHashIsStableAndCoversEveryFieldAndThePreviousHash() {
        AuditRecord r = row("u1", "STORY", null);
        String h = r.computeHash(AuditRecord.GENESIS_HASH);
        assertEquals(64, h.length());
        assertEquals(h, row("u1", "STORY", null).computeHash(AuditRecord.GENESIS_HASH));
        assertNotEquals(h, row("u2", "STORY", null).computeHash(AuditRecord.GENESIS_HASH));
        assertNotEquals(h, row("u1", "NEEDS", null).computeHash(AuditRecord.GENESIS_HASH));
        assertNotEquals(h, row("u1", "STORY", "").computeHash(AuditRecord.GENESIS_HASH), "null differs from empty");
        assertNotEquals(h, r.computeHash("1".repeat(64)));
    }

    @Test
    void aValueCannotImitateAFieldBoundary() {
        assertNotEquals(row("u1\ncategories:5:STORY", "", null).canonical(), row("u1", "STORY", null).canonical());
    }
}
