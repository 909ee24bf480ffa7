package org.pathways.dashboard.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CaseRefsTest {

    private final CaseRefs refs = new CaseRefs("a-test-secret-of-at-least-32-characters!");
    private final UUID subject = UUID.randomUUID();

    @Test
    void aSealedReferenceOpensForTheSameUserAndSessionAndNamesNoSubject() {
        String ref = refs.seal(subject, "user-1", "session-1");
        assertEquals(Optional.of(subject), refs.open(ref, "user-1", "session-1"));
        assertFalse(ref.contains(subject.toString()));
        assertFalse(ref.contains(subject.toString().replace("-", "")));
        assertTrue(ref.matches("[A-Za-z0-9_-]+"), "URL-safe");
    }

    @Test
    void itOpensNothingInAnotherSessionForAnotherUserOrUnderAnotherKey() {
        String ref = refs.seal(subject, "user-1", "session-1");
        assertEquals(Optional.empty(), refs.open(ref, "user-1", "session-2"));
        assertEquals(Optional.empty(), refs.open(ref, "user-2", "session-1"));
        assertEquals(Optional.empty(), new CaseRefs("another-secret-of-at-least-32-characters").open(ref, "user-1", "session-1"));
    }

    @Test
    void tamperedOrMalformedReferencesOpenNothing() {
        String ref = refs.seal(subject, "user-1", "session-1");
        // A character in the middle: every one of its six bits is data. The last character of unpadded base64 may carry
        // unused low bits, so changing it (A <-> B) could decode to the same bytes and open (a flaky test before).
        int i = ref.length() / 2;
        String tampered = ref.substring(0, i) + (ref.charAt(i) == 'A' ? 'B' : 'A') + ref.substring(i + 1);
        assertEquals(Optional.empty(), refs.open(tampered, "user-1", "session-1"));
        assertEquals(Optional.empty(), refs.open("not base64!", "user-1", "session-1"));
        assertEquals(Optional.empty(), refs.open(subject.toString(), "user-1", "session-1"));
        assertEquals(Optional.empty(), refs.open(null, "user-1", "session-1"));
    }

    @Test
    void eachSealIsFreshAndShortSecretsAreRefused() {
        assertNotEquals(refs.seal(subject, "u", "s"), refs.seal(subject, "u", "s"));
        assertThrows(IllegalArgumentException.class, () -> new CaseRefs("short"));
    }
}
