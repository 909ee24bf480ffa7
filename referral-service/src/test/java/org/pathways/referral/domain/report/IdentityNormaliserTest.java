package org.pathways.referral.domain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.pathways.referral.security.IdentityHasher;

class IdentityNormaliserTest {

    private static final LocalDate DOB = LocalDate.of(1990, 3, 14);

    @Test
    void spellingOfCaseAccentsPunctuationAndWordOrderDoNotMatter() {
        String a = IdentityNormaliser.canonical("Zoë  O'Brien-Kowalska", DOB).orElseThrow();
        assertEquals(a, IdentityNormaliser.canonical("KOWALSKA, zoe o brien", DOB).orElseThrow());
        assertEquals("brien kowalska o zoe|1990-03-14", a);
    }

    @Test
    void differentDatesOfBirthOrNamesDoNotMatch() {
        assertNotEquals(IdentityNormaliser.canonical("Aisha Khan", DOB),
                IdentityNormaliser.canonical("Aisha Khan", DOB.plusDays(1)));
        assertNotEquals(IdentityNormaliser.canonical("Aisha Khan", DOB), IdentityNormaliser.canonical("Ayesha Khan", DOB));
    }

    @Test
    void withoutANameOrDateOfBirthThereIsNoKey() {
        assertTrue(IdentityNormaliser.canonical(null, DOB).isEmpty());
        assertTrue(IdentityNormaliser.canonical("Aisha Khan", null).isEmpty());
        assertTrue(IdentityNormaliser.canonical(" -- ", DOB).isEmpty());
    }

    @Test
    void theHashIsKeyed() {
        byte[] key = new byte[32];
        key[0] = 7;
        byte[] other = new byte[32];
        other[0] = 8;
        String canonical = IdentityNormaliser.canonical("Aisha Khan", DOB).orElseThrow();
        IdentityHasher hasher = new IdentityHasher(key);
        String h = hasher.hash(canonical);
        assertEquals(64, h.length());
        assertEquals(h, new IdentityHasher(key).hash(canonical));
        assertNotEquals(h, hasher.hash(IdentityNormaliser.canonical("Aisha Khan", DOB.plusDays(1)).orElseThrow()));
        assertNotEquals(h, new IdentityHasher(other).hash(canonical));
        assertTrue(!h.contains("aisha") && !h.contains("1990"));
        assertThrows(IllegalArgumentException.class, () -> new IdentityHasher(new byte[16]));
    }
}
