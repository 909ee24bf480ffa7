package org.pathways.referral.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash (HMAC-SHA256) of a woman's canonical identity ({@code IdentityNormaliser}), used only to count
 * unduplicated people in aggregate reports.
 *
 * <p>Why keyed: a plain hash of name + date of birth can be reversed by trying candidate names and dates, so without the
 * key the stored hash reveals nothing; the key ({@code pathways.reports.identity-key}) lives outside the database. The
 * hash is never returned by an API and never used to look anybody up (no index serves a lookup by it); it is deleted
 * when she is erased.
 */
public final class IdentityHasher {

    private static final String HMAC = "HmacSHA256";
    private final SecretKeySpec key;

    public IdentityHasher(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the identity hash key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), HMAC);
    }

    /** Hex of HMAC-SHA256(key, "pathways-identity-v1\n" + canonical). */
    public String hash(String canonical) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update("pathways-identity-v1\n".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
