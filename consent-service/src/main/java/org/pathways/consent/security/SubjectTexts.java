package org.pathways.consent.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pathways.platform.repository.Jdbc;

import io.quarkus.runtime.LaunchMode;

/**
 * Her free texts in consent-service (explanation notes, override justifications) encrypted under her own data key
 * (ADR 0028), the approach of referral-service's SubjectCrypto: a random AES-256 data key per subject, stored only
 * wrapped (AES-GCM) by the key-encryption key with her id as associated data; each text AES-GCM-encrypted under her key
 * with (subject, table, row, field) as associated data, so a ciphertext moved to another row does not open.
 * Format of both: one format byte (1), a fresh 12-byte nonce, ciphertext and 16-byte tag. Keys are never cached:
 * {@link #destroy(UUID)} (on pathways.subject.erased) makes every text of hers unrecoverable at once.
 *
 * <p>{@code pathways.crypto.kek} (env {@code PATHWAYS_CRYPTO_KEK}, base64 of 32 bytes) is required in production; the
 * public demo key ({@code pathways.crypto.demo-kek}) is used only in dev/test mode or under the local stack launcher.
 */
@Singleton
public class SubjectTexts {

    private static final Logger LOG = Logger.getLogger(SubjectTexts.class);
    private static final byte FORMAT_V1 = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String GCM = "AES/GCM/NoPadding";

    private final SecureRandom random = new SecureRandom();
    private final SecretKey kek;
    private final String kekId;

    @Inject
    Jdbc jdbc;

    @Inject
    public SubjectTexts(@ConfigProperty(name = "pathways.crypto.kek") Optional<String> configured,
                        @ConfigProperty(name = "pathways.crypto.demo-kek") Optional<String> demo,
                        @ConfigProperty(name = "pathways.crypto.kek-id", defaultValue = "kek-1") String kekId,
                        @ConfigProperty(name = "pathways.stack.profile") Optional<String> localStack) {
        boolean demoAllowed = LaunchMode.current() != LaunchMode.NORMAL || localStack.isPresent();
        String chosen;
        if (configured.isPresent() && !configured.get().isBlank()) {
            if (!demoAllowed && demo.isPresent() && configured.get().trim().equals(demo.get().trim())) {
                throw new IllegalStateException("pathways.crypto.kek is the public demo key; supply a real key in production");
            }
            chosen = configured.get();
            this.kekId = kekId;
        } else if (demoAllowed && demo.isPresent()) {
            LOG.warn("USING THE PUBLIC DEMO KEY-ENCRYPTION KEY (pathways.crypto.demo-kek): local stack / tests only");
            chosen = demo.get();
            this.kekId = "demo";
        } else {
            throw new IllegalStateException("pathways.crypto.kek (PATHWAYS_CRYPTO_KEK) is required: base64 of 32 random bytes");
        }
        this.kek = parse(chosen);
    }

    /** Where a text lives, bound into its ciphertext. */
    public record Place(String table, String row, String field) {
    }

    /** Encrypts under her key, making the key on her first text. Null stays null. */
    public byte[] seal(UUID subjectId, Place place, String text) {
        if (text == null) return null;
        return seal(unwrap(keyFor(subjectId), subjectId), text.getBytes(StandardCharsets.UTF_8), aad(subjectId, place));
    }

    /** Decrypts; null when there is no text or her key was destroyed (she was erased). */
    public String open(UUID subjectId, Place place, byte[] sealed) {
        if (sealed == null) return null;
        Optional<byte[]> wrapped = wrappedKey(subjectId);
        if (wrapped.isEmpty()) return null;
        return new String(open(unwrap(wrapped.get(), subjectId), sealed, aad(subjectId, place)), StandardCharsets.UTF_8);
    }

    /** Crypto-shredding: her key goes, and with it every text sealed under it. */
    public void destroy(UUID subjectId) {
        jdbc.update("delete from subject_key where subject_id = ?", ps -> ps.setObject(1, subjectId));
    }

    private byte[] keyFor(UUID subjectId) {
        Optional<byte[]> existing = wrappedKey(subjectId);
        if (existing.isPresent()) return existing.get();
        byte[] wrapped = newWrappedKey(subjectId);
        // Two first texts at once: the second insert waits for the first and keeps its key.
        jdbc.update("insert into subject_key (subject_id, kek_id, wrapped_key, created_at) values (?, ?, ?, ?)"
                + " on conflict (subject_id) do nothing", ps -> {
                    ps.setObject(1, subjectId);
                    ps.setString(2, kekId);
                    ps.setBytes(3, wrapped);
                    ps.setObject(4, OffsetDateTime.now());
                });
        return wrappedKey(subjectId).orElseThrow();
    }

    private Optional<byte[]> wrappedKey(UUID subjectId) {
        return jdbc.query("select wrapped_key from subject_key where subject_id = ?", ps -> ps.setObject(1, subjectId),
                rs -> rs.getBytes(1)).stream().findFirst();
    }

    private byte[] newWrappedKey(UUID subjectId) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            byte[] raw = generator.generateKey().getEncoded();
            try {
                return seal(kek, raw, keyAad(subjectId));
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not create a data key", e);
        }
    }

    private SecretKey unwrap(byte[] wrappedKey, UUID subjectId) {
        byte[] raw = open(kek, wrappedKey, keyAad(subjectId));
        try {
            return new SecretKeySpec(raw, "AES");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    static byte[] keyAad(UUID subjectId) {
        return ("pathways:consent-subject-key:v1|" + subjectId).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] aad(UUID subjectId, Place p) {
        return ("pathways:consent-text:v1|" + subjectId + "|" + p.table() + "|" + p.row() + "|" + p.field())
                .getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] seal(SecretKey key, byte[] plaintext, byte[] aad) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(GCM);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_V1).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private static byte[] open(SecretKey key, byte[] stored, byte[] aad) {
        if (stored == null || stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != FORMAT_V1) {
            throw new IllegalStateException("unknown ciphertext format");
        }
        try {
            Cipher cipher = Cipher.getInstance(GCM);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            // Wrong key, wrong associated data or tampered bytes: never decrypt partially.
            throw new IllegalStateException("decryption failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    static SecretKey parse(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pathways.crypto.kek is not valid base64");
        }
        if (raw.length != 32) throw new IllegalStateException("pathways.crypto.kek must be 32 bytes (AES-256), got " + raw.length);
        return new SecretKeySpec(raw, "AES");
    }
}
