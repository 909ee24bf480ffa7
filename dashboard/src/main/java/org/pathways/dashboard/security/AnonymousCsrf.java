package org.pathways.dashboard.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF for a form with no session (the public self-referral page, ADR 0089): a random nonce in a cookie scoped to the
 * page's path (HttpOnly, SameSite=Strict), and in the form an HMAC-SHA256 of that nonce under the server secret. A
 * post is accepted only when the form's token is the HMAC of the cookie's nonce: another site can neither read the
 * cookie nor make the token. Nothing is stored on the server. Plain object: unit-tested in {@code AnonymousCsrfTest}.
 */
public final class AnonymousCsrf {

    public static final String COOKIE = "pathways_sr";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    public AnonymousCsrf(String secret) {
        if (secret == null || secret.length() < 32) throw new IllegalArgumentException("the CSRF secret must have at least 32 characters");
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    public static String newNonce() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public String tokenFor(String nonce) {
        if (nonce == null || nonce.length() < 16) throw new IllegalArgumentException("a nonce is needed");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal(("pathways-self-referral-csrf\n" + nonce).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time: the form's token is the HMAC of the cookie's nonce. */
    public boolean matches(String presented, String nonce) {
        if (presented == null || presented.isEmpty() || nonce == null || nonce.length() < 16) return false;
        return MessageDigest.isEqual(tokenFor(nonce).getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }
}
