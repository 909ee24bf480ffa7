package org.pathways.dashboard.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CsrfTokensTest {

    private final CsrfTokens tokens = new CsrfTokens("a-test-secret-of-at-least-thirty-two-chars");

    @Test
    void sameUserAndSessionGetTheSameTokenAndItMatches() {
        String t = tokens.tokenFor("user-1", "session-1");
        assertEquals(t, tokens.tokenFor("user-1", "session-1"));
        assertTrue(tokens.matches(t, "user-1", "session-1"));
    }

    @Test
    void anotherSessionUserOrSecretDoesNotMatch() {
        String t = tokens.tokenFor("user-1", "session-1");
        assertFalse(tokens.matches(t, "user-1", "session-2"), "a new sign-in needs a new token");
        assertFalse(tokens.matches(t, "user-2", "session-1"), "another user's token is refused");
        assertNotEquals(t, new CsrfTokens("another-secret-of-at-least-thirty-two-chars").tokenFor("user-1", "session-1"));
    }

    @Test
    void missingOrTamperedTokensAreRefused() {
        String t = tokens.tokenFor("user-1", "session-1");
        assertFalse(tokens.matches(null, "user-1", "session-1"));
        assertFalse(tokens.matches("", "user-1", "session-1"));
        assertFalse(tokens.matches(t.substring(1), "user-1", "session-1"));
        assertFalse(tokens.matches("é" + t, "user-1", "session-1"));
    }

    @Test
    void aShortSecretOrNoSessionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CsrfTokens("short"));
        assertThrows(IllegalArgumentException.class, () -> tokens.tokenFor("user-1", ""));
    }
}
