package org.pathways.referral.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The hash chain's definition: every field counts, the previous hash counts, and no value can fake a boundary. */
class AuditRecordTest {

    private static AuditRecord row(String actor, String categories, String basisRef) {
        return new AuditRecord(7, 7L, UUID.fromString("00000000-0000-4000-8000-000000000007"), Instant.parse("2026-11-22T10:00:00.123456Z"),
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

    /** ADR 0038 moved the hashing to the chainer; the canonical form (and so every stored hash) must not change. */
    @Test
    void theCanonicalFormIsTheOneOfAdr0030() {
        assertEquals("""
                pathways-audit-v1
                seq:1:7
                id:36:00000000-0000-4000-8000-000000000007
                occurred_at:27:2026-11-22T10:00:00.123456Z
                actor_user_id:2:u1
                actor_organisation_id:36:5e1f0000-0000-4000-8000-000000000003
                actor_roles:10:caseworker
                purpose:17:CASE_COORDINATION
                subject_id:36:00000000-0000-4000-8000-0000000000aa
                categories:5:STORY
                action:12:SECTION_READ
                basis:5:OWNER
                basis_ref:-
                outcome:7:GRANTED
                prev_hash:64:%s
                """.formatted(AuditRecord.GENESIS_HASH), row("u1", "STORY", null).canonical());
    }

    @Test
    void chainingPlacesAndHashesARowAndTheEntryNumberIsNotHashed() {
        AuditRecord r = row("u1", "STORY", null);
        AuditRecord unchained = new AuditRecord(99, null, r.id(), r.occurredAt(), r.actorUserId(), r.actorOrganisationId(),
                r.actorRoles(), r.purpose(), r.subjectId(), r.categories(), r.action(), r.basis(), r.basisRef(), r.outcome(), null, null);
        assertThrows(IllegalStateException.class, unchained::canonical, "an unchained row has no hash yet");
        assertNull(unchained.hash());
        AuditRecord chained = unchained.chained(7, AuditRecord.GENESIS_HASH);
        assertEquals(7L, chained.seq());
        assertEquals(99, chained.entryNo());
        assertEquals(AuditRecord.GENESIS_HASH, chained.prevHash());
        assertEquals(r.computeHash(AuditRecord.GENESIS_HASH), chained.hash());
    }
}
