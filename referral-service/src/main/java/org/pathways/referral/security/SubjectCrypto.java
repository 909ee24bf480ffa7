package org.pathways.referral.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.referral.config.CryptoConfig;

/**
 * Envelope encryption of the case summary with the JDK's AES-GCM: each subject has her own random AES-256 data key,
 * stored only wrapped (AES-GCM-encrypted) by the key-encryption key, with her subject id as associated data; each
 * section version is AES-GCM-encrypted under her data key with (subject, category, version) as associated data.
 *
 * <p>Stored format of both: one format byte (1), a fresh random 12-byte nonce, then ciphertext and 16-byte tag.
 * Data keys are never cached: destroying the wrapped key row makes every section of hers unrecoverable at once.
 */
@ApplicationScoped
public class SubjectCrypto {

    private static final byte FORMAT_V1 = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String GCM = "AES/GCM/NoPadding";

    private final SecureRandom random = new SecureRandom();

    @Inject
    CryptoConfig config;

    /** A fresh random data key for a new subject, wrapped by the KEK. */
    public byte[] newWrappedKey(UUID subjectId) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            byte[] raw = generator.generateKey().getEncoded();
            try {
                return seal(config.kek(), raw, keyAad(subjectId));
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not create a data key", e);
        }
    }

    public String kekId() {
        return config.kekId();
    }

    public byte[] encryptSection(byte[] wrappedKey, UUID subjectId, DataCategory category, int version, byte[] plaintext) {
        return seal(unwrap(wrappedKey, subjectId), plaintext, sectionAad(subjectId, category, version));
    }

    public byte[] decryptSection(byte[] wrappedKey, UUID subjectId, DataCategory category, int version, byte[] ciphertext) {
        return open(unwrap(wrappedKey, subjectId), ciphertext, sectionAad(subjectId, category, version));
    }

    /**
     * Encrypts one free text of a referral (the note for the receiver, the safe-contact instructions) under her data key,
     * bound to (subject, referral, field): it is erased with her key like her sections.
     */
    public byte[] encryptReferralText(byte[] wrappedKey, UUID subjectId, UUID referralId, String field, byte[] plaintext) {
        return seal(unwrap(wrappedKey, subjectId), plaintext, referralTextAad(subjectId, referralId, field));
    }

    public byte[] decryptReferralText(byte[] wrappedKey, UUID subjectId, UUID referralId, String field, byte[] ciphertext) {
        return open(unwrap(wrappedKey, subjectId), ciphertext, referralTextAad(subjectId, referralId, field));
    }

    static byte[] referralTextAad(UUID subjectId, UUID referralId, String field) {
        return ("pathways:referral-text:v1|" + subjectId + "|" + referralId + "|" + field).getBytes(StandardCharsets.US_ASCII);
    }

    private SecretKey unwrap(byte[] wrappedKey, UUID subjectId) {
        byte[] raw = open(config.kek(), wrappedKey, keyAad(subjectId));
        try {
            return new SecretKeySpec(raw, "AES");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    static byte[] keyAad(UUID subjectId) {
        return ("pathways:subject-key:v1|" + subjectId).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] sectionAad(UUID subjectId, DataCategory category, int version) {
        return ("pathways:section:v1|" + subjectId + "|" + category.code() + "|" + version).getBytes(StandardCharsets.US_ASCII);
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
