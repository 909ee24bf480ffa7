package org.pathways.dashboard.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Synchronizer tokens without server-side storage (ADR 0051): the token is an HMAC-SHA256, under a server secret, of
 * the user id and the Keycloak session id. It is the same on every page of one sign-in, differs for every user and
 * session, and cannot be made without the secret. Plain object: unit-tested in {@code CsrfTokensTest}.
 */
public final class CsrfTokens {

    private final byte[] key;

    public CsrfTokens(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the CSRF secret must have at least 32 characters");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String tokenFor(String userId, String sessionId) {
        if (userId == null || userId.isBlank() || sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("a CSRF token needs a user and a session");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal(("pathways-dashboard-csrf\n" + userId + "\n" + sessionId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of a presented token with the session's. */
    public boolean matches(String presented, String userId, String sessionId) {
        if (presented == null || presented.isEmpty()) return false;
        byte[] expected = tokenFor(userId, sessionId).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII));
    }
}
