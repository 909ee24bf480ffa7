package org.pathways.referral.security;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.platform.crypto.EnvelopeCrypto;

import io.quarkus.runtime.Startup;

/**
 * Her case summary and referral texts under her own data key, through the platform's {@link EnvelopeCrypto} (AES-GCM,
 * her key wrapped by the KEK with her subject id as associated data): each section version is bound to (subject,
 * category, version), each referral text to (subject, referral, field). Created at start-up, so a production start
 * without a KEK fails at once.
 */
@ApplicationScoped
@Startup
public class SubjectCrypto {

    @Inject
    EnvelopeCrypto envelope;

    /** A fresh random data key for a new subject, wrapped by the KEK. */
    public byte[] newWrappedKey(UUID subjectId) {
        return envelope.newWrappedKey(keyAad(subjectId));
    }

    public String kekId() {
        return envelope.kekId();
    }

    public byte[] encryptSection(byte[] wrappedKey, UUID subjectId, DataCategory category, int version, byte[] plaintext) {
        return envelope.seal(wrappedKey, keyAad(subjectId), plaintext, sectionAad(subjectId, category, version));
    }

    public byte[] decryptSection(byte[] wrappedKey, UUID subjectId, DataCategory category, int version, byte[] ciphertext) {
        return envelope.open(wrappedKey, keyAad(subjectId), ciphertext, sectionAad(subjectId, category, version));
    }

    /**
     * Encrypts one free text of a referral (the note for the receiver, the safe-contact instructions) under her data key,
     * bound to (subject, referral, field): it is erased with her key like her sections.
     */
    public byte[] encryptReferralText(byte[] wrappedKey, UUID subjectId, UUID referralId, String field, byte[] plaintext) {
        return envelope.seal(wrappedKey, keyAad(subjectId), plaintext, referralTextAad(subjectId, referralId, field));
    }

    public byte[] decryptReferralText(byte[] wrappedKey, UUID subjectId, UUID referralId, String field, byte[] ciphertext) {
        return envelope.open(wrappedKey, keyAad(subjectId), ciphertext, referralTextAad(subjectId, referralId, field));
    }

    /**
     * Encrypts a multi-agency meeting's action text about her under her data key, bound to (subject, meeting, action):
     * erased with her key like her sections (ADR 0069).
     */
    public byte[] encryptMeetingText(byte[] wrappedKey, UUID subjectId, UUID meetingId, UUID actionId, byte[] plaintext) {
        return envelope.seal(wrappedKey, keyAad(subjectId), plaintext, meetingTextAad(subjectId, meetingId, actionId));
    }

    public byte[] decryptMeetingText(byte[] wrappedKey, UUID subjectId, UUID meetingId, UUID actionId, byte[] ciphertext) {
        return envelope.open(wrappedKey, keyAad(subjectId), ciphertext, meetingTextAad(subjectId, meetingId, actionId));
    }

    static byte[] meetingTextAad(UUID subjectId, UUID meetingId, UUID actionId) {
        return ("pathways:meeting-text:v1|" + subjectId + "|" + meetingId + "|" + actionId).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Encrypts one record about her kept outside her summary (a wellbeing measure, her equality monitoring; ADR 0074)
     * under her data key, bound to (subject, kind, record): erased with her key like her sections.
     */
    public byte[] encryptRecord(byte[] wrappedKey, UUID subjectId, UUID recordId, String kind, byte[] plaintext) {
        return envelope.seal(wrappedKey, keyAad(subjectId), plaintext, recordAad(subjectId, recordId, kind));
    }

    public byte[] decryptRecord(byte[] wrappedKey, UUID subjectId, UUID recordId, String kind, byte[] ciphertext) {
        return envelope.open(wrappedKey, keyAad(subjectId), ciphertext, recordAad(subjectId, recordId, kind));
    }

    static byte[] recordAad(UUID subjectId, UUID recordId, String kind) {
        return ("pathways:subject-record:v1|" + subjectId + "|" + kind + "|" + recordId).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] referralTextAad(UUID subjectId, UUID referralId, String field) {
        return ("pathways:referral-text:v1|" + subjectId + "|" + referralId + "|" + field).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] keyAad(UUID subjectId) {
        return ("pathways:subject-key:v1|" + subjectId).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] sectionAad(UUID subjectId, DataCategory category, int version) {
        return ("pathways:section:v1|" + subjectId + "|" + category.code() + "|" + version).getBytes(StandardCharsets.US_ASCII);
    }
}
