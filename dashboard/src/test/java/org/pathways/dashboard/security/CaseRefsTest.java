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
        char last = ref.charAt(ref.length() - 1);
        String tampered = ref.substring(0, ref.length() - 1) + (last == 'A' ? 'B' : 'A');
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
