package org.pathways.dashboard.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnonymousCsrfTest {

    static final String SECRET = "a-test-secret-of-at-least-thirty-two-chars";

    @Test
    void theTokenOfTheCookiesNonceMatchesAndNothingElseDoes() {
        AnonymousCsrf csrf = new AnonymousCsrf(SECRET);
        String nonce = AnonymousCsrf.newNonce();
        String token = csrf.tokenFor(nonce);
        assertTrue(csrf.matches(token, nonce));
        assertEquals(token, csrf.tokenFor(nonce));
        String other = AnonymousCsrf.newNonce();
        assertNotEquals(nonce, other);
        assertFalse(csrf.matches(token, other), "a token for another cookie");
        assertFalse(csrf.matches(token, null), "no cookie");
        assertFalse(csrf.matches(null, nonce), "no token");
        assertFalse(csrf.matches("", nonce));
        assertFalse(csrf.matches(nonce, nonce), "the nonce itself is not the token");
        assertFalse(new AnonymousCsrf(SECRET + "x").matches(token, nonce), "another server secret");
        assertFalse(csrf.matches(token, "short"), "a nonce too short to be ours");
    }

    @Test
    void aShortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AnonymousCsrf("short"));
    }
}
