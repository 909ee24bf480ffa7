package org.pathways.platform.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;

/**
 * Envelope encryption of her data with the JDK's AES-GCM, for every service that stores her words (referral-service's
 * sections and referral texts, consent-service's notes and justifications; ADR 0028): each subject has her own random
 * AES-256 data key, stored only wrapped (AES-GCM) by the key-encryption key (KEK) with associated data naming her, and
 * each text is AES-GCM-encrypted under her data key with associated data naming where it lives, so a ciphertext moved
 * elsewhere does not open. Destroying her wrapped key (crypto-shredding) makes all of it unrecoverable at once. Where a
 * service keeps her wrapped key and what associated data it binds are the service's own.
 *
 * <p>Stored format of both: one format byte (1), a fresh random 12-byte nonce, then ciphertext and 16-byte tag. Data
 * keys are never cached.
 *
 * <p>The KEK: {@code pathways.crypto.kek} (env {@code PATHWAYS_CRYPTO_KEK}, base64 of 32 bytes) is required in
 * production. The public demo key ({@code pathways.crypto.demo-kek}) is used only in dev/test mode or under the local
 * stack launcher (which sets {@code pathways.stack.profile}); anywhere else construction fails without a KEK, and a
 * production KEK equal to the public demo key is refused. A service that needs it at all should create it at start-up.
 *
 * <p>Rotation (docs/operations.md): a new KEK becomes {@code pathways.crypto.kek} with a new {@code kek-id}, and the old
 * one moves to {@code pathways.crypto.retired-keks} ({@code id:base64}, comma-separated). New keys are wrapped by the
 * current KEK only; a key wrapped by a retired KEK still opens (GCM's tag tells which KEK wrapped it), and
 * {@link KekRotation} re-wraps every stored key under the current KEK, after which the retired KEK can be removed.
 */
@Singleton
public class EnvelopeCrypto {

    private static final Logger LOG = Logger.getLogger(EnvelopeCrypto.class);
    private static final byte FORMAT_V1 = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String GCM = "AES/GCM/NoPadding";

    private final SecureRandom random = new SecureRandom();
    private final SecretKey kek;
    private final String kekId;
    /** Retired KEKs by id, for unwrapping keys not yet re-wrapped; never used to wrap. */
    private final java.util.Map<String, SecretKey> retired;

    @Inject
    public EnvelopeCrypto(@ConfigProperty(name = "pathways.crypto.kek") Optional<String> configured,
            @ConfigProperty(name = "pathways.crypto.demo-kek") Optional<String> demo,
            @ConfigProperty(name = "pathways.crypto.kek-id", defaultValue = "kek-1") String kekId,
            @ConfigProperty(name = "pathways.stack.profile") Optional<String> localStack,
            @ConfigProperty(name = "pathways.crypto.retired-keks") Optional<java.util.List<String>> retiredKeks) {
        boolean demoAllowed = LaunchMode.current() != LaunchMode.NORMAL || localStack.isPresent();
        Choice choice = choose(configured, demo, kekId, demoAllowed);
        if (choice.demo()) {
            LOG.warn("USING THE PUBLIC DEMO KEY-ENCRYPTION KEY (pathways.crypto.demo-kek): local stack / tests only");
        }
        this.kek = parse(choice.base64());
        this.kekId = choice.kekId();
        this.retired = retired(retiredKeks.orElse(java.util.List.of()), kekId);
    }

    /** For tools and tests: a current KEK and retired ones ({@code id:base64}). */
    public EnvelopeCrypto(String kekBase64, String kekId, java.util.List<String> retiredKeks) {
        this.kek = parse(kekBase64);
        this.kekId = kekId;
        this.retired = retired(retiredKeks, kekId);
    }

    static java.util.Map<String, SecretKey> retired(java.util.List<String> entries, String currentId) {
        java.util.Map<String, SecretKey> keys = new java.util.LinkedHashMap<>();
        for (String e : entries) {
            if (e == null || e.isBlank()) continue;
            int colon = e.indexOf(':');
            if (colon <= 0) throw new IllegalStateException("pathways.crypto.retired-keks: each entry is id:base64");
            String id = e.substring(0, colon).trim();
            if (id.equals(currentId)) throw new IllegalStateException("pathways.crypto.retired-keks names the current KEK id " + id);
            if (keys.put(id, parse(e.substring(colon + 1))) != null) {
                throw new IllegalStateException("pathways.crypto.retired-keks names " + id + " twice");
            }
        }
        return java.util.Collections.unmodifiableMap(keys);
    }

    /** Which key to use: the configured one, or the demo key where that is allowed; never nothing, never demo in production. */
    public record Choice(String base64, String kekId, boolean demo) {
    }

    public static Choice choose(Optional<String> configured, Optional<String> demo, String kekId, boolean demoAllowed) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            if (!demoAllowed && demo.isPresent() && configured.get().trim().equals(demo.get().trim())) {
                throw new IllegalStateException("pathways.crypto.kek is the public demo key; supply a real key in production");
            }
            return new Choice(configured.get(), kekId, false);
        }
        if (demoAllowed && demo.isPresent()) {
            return new Choice(demo.get(), "demo", true);
        }
        throw new IllegalStateException("pathways.crypto.kek (PATHWAYS_CRYPTO_KEK) is required: base64 of 32 random bytes");
    }

    public static SecretKey parse(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pathways.crypto.kek is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("pathways.crypto.kek must be 32 bytes (AES-256), got " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** Stored with each wrapped key, so a later key rotation knows which KEK to unwrap with. */
    public String kekId() {
        return kekId;
    }

    /** A fresh random data key for a subject, wrapped by the KEK and bound to {@code keyAad} (which names her). */
    public byte[] newWrappedKey(byte[] keyAad) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            byte[] raw = generator.generateKey().getEncoded();
            try {
                return seal(kek, raw, keyAad);
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not create a data key", e);
        }
    }

    /** Encrypts under her data key (given wrapped, with the associated data it was wrapped with). */
    public byte[] seal(byte[] wrappedKey, byte[] keyAad, byte[] plaintext, byte[] aad) {
        return seal(unwrap(wrappedKey, keyAad), plaintext, aad);
    }

    /** Decrypts under her data key; wrong key, wrong associated data or tampered bytes throw, never a partial text. */
    public byte[] open(byte[] wrappedKey, byte[] keyAad, byte[] sealed, byte[] aad) {
        return open(unwrap(wrappedKey, keyAad), sealed, aad);
    }

    /**
     * The same data key wrapped by the current KEK (it may have been wrapped by a retired one); bound to the same
     * associated data. Throws if no KEK this service knows opens it.
     */
    public byte[] rewrap(byte[] wrappedKey, byte[] keyAad) {
        byte[] raw = unwrapRaw(wrappedKey, keyAad);
        try {
            return seal(kek, raw, keyAad);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private SecretKey unwrap(byte[] wrappedKey, byte[] keyAad) {
        byte[] raw = unwrapRaw(wrappedKey, keyAad);
        try {
            return new SecretKeySpec(raw, "AES");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The current KEK first; then the retired ones (a key not yet re-wrapped). GCM authentication tells which fits. */
    private byte[] unwrapRaw(byte[] wrappedKey, byte[] keyAad) {
        try {
            return open(kek, wrappedKey, keyAad);
        } catch (IllegalStateException notCurrent) {
            for (SecretKey old : retired.values()) {
                try {
                    return open(old, wrappedKey, keyAad);
                } catch (IllegalStateException notThis) {
                    // try the next retired KEK
                }
            }
            throw notCurrent;
        }
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
            // Wrong key, wrong associated data or tampered bytes: authentication failed. Never decrypt partially.
            throw new IllegalStateException("decryption failed (" + e.getClass().getSimpleName() + ")");
        }
    }
}
