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

    @Inject
    public EnvelopeCrypto(@ConfigProperty(name = "pathways.crypto.kek") Optional<String> configured,
            @ConfigProperty(name = "pathways.crypto.demo-kek") Optional<String> demo,
            @ConfigProperty(name = "pathways.crypto.kek-id", defaultValue = "kek-1") String kekId,
            @ConfigProperty(name = "pathways.stack.profile") Optional<String> localStack) {
        boolean demoAllowed = LaunchMode.current() != LaunchMode.NORMAL || localStack.isPresent();
        Choice choice = choose(configured, demo, kekId, demoAllowed);
        if (choice.demo()) {
            LOG.warn("USING THE PUBLIC DEMO KEY-ENCRYPTION KEY (pathways.crypto.demo-kek): local stack / tests only");
        }
        this.kek = parse(choice.base64());
        this.kekId = choice.kekId();
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

    private SecretKey unwrap(byte[] wrappedKey, byte[] keyAad) {
        byte[] raw = open(kek, wrappedKey, keyAad);
        try {
            return new SecretKeySpec(raw, "AES");
        } finally {
            Arrays.fill(raw, (byte) 0);
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
