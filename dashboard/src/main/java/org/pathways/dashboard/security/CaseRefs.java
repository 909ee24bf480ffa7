package org.pathways.dashboard.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Her case reference in the New referral screen's URLs (ADR 0052): her subject id sealed with AES-GCM under a server
 * key, the user and Keycloak session as associated data. The address bar and the browser history then hold an opaque
 * value that names no subject, and a reference copied into another sign-in opens nothing. Plain object: unit-tested in
 * {@code CaseRefsTest}.
 */
public final class CaseRefs {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV = 12;

    private final SecretKeySpec key;

    public CaseRefs(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the case reference secret must have at least 32 characters");
        }
        try {
            // A key of its own, derived from the secret, so the CSRF HMAC key and this AES key are never the same bytes.
            byte[] k = MessageDigest.getInstance("SHA-256").digest(("pathways-dashboard-case-ref\n" + secret).getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(k, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String seal(UUID subjectId, String userId, String sessionId) {
        try {
            byte[] iv = new byte[IV];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            c.updateAAD(aad(userId, sessionId));
            ByteBuffer plain = ByteBuffer.allocate(16).putLong(subjectId.getMostSignificantBits()).putLong(subjectId.getLeastSignificantBits());
            byte[] ct = c.doFinal(plain.array());
            byte[] out = ByteBuffer.allocate(IV + ct.length).put(iv).put(ct).array();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subject id, or empty for anything not sealed by this key for this user and session. */
    public Optional<UUID> open(String ref, String userId, String sessionId) {
        if (ref == null || ref.length() > 100) return Optional.empty();
        try {
            byte[] in = Base64.getUrlDecoder().decode(ref);
            if (in.length != IV + 16 + 16) return Optional.empty();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV));
            c.updateAAD(aad(userId, sessionId));
            ByteBuffer plain = ByteBuffer.wrap(c.doFinal(in, IV, in.length - IV));
            return Optional.of(new UUID(plain.getLong(), plain.getLong()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static byte[] aad(String userId, String sessionId) {
        if (userId == null || userId.isBlank() || sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("a case reference needs a user and a session");
        }
        return (userId + "\n" + sessionId).getBytes(StandardCharsets.UTF_8);
    }
}
