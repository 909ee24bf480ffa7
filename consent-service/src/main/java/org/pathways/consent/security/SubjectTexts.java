package org.pathways.consent.security;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.pathways.platform.crypto.EnvelopeCrypto;
import org.pathways.platform.repository.Jdbc;

/**
 * Her free texts in consent-service (explanation notes, override justifications) encrypted under her own data key
 * (ADR 0028) through the platform's {@link EnvelopeCrypto}, as referral-service's sections are: a random AES-256 data key
 * per subject, stored here only wrapped by the key-encryption key with her id as associated data; each text bound to
 * (subject, table, row, field), so a ciphertext moved to another row does not open. Keys are never cached:
 * {@link #destroy(UUID)} (on pathways.subject.erased) makes every text of hers unrecoverable at once.
 */
@Singleton
public class SubjectTexts {

    @Inject
    Jdbc jdbc;

    @Inject
    EnvelopeCrypto envelope;

    /** Where a text lives, bound into its ciphertext. */
    public record Place(String table, String row, String field) {
    }

    /** Encrypts under her key, making the key on her first text. Null stays null. */
    public byte[] seal(UUID subjectId, Place place, String text) {
        if (text == null) return null;
        return envelope.seal(keyFor(subjectId), keyAad(subjectId), text.getBytes(StandardCharsets.UTF_8), aad(subjectId, place));
    }

    /** Decrypts; null when there is no text or her key was destroyed (she was erased). */
    public String open(UUID subjectId, Place place, byte[] sealed) {
        if (sealed == null) return null;
        Optional<byte[]> wrapped = wrappedKey(subjectId);
        if (wrapped.isEmpty()) return null;
        return new String(envelope.open(wrapped.get(), keyAad(subjectId), sealed, aad(subjectId, place)), StandardCharsets.UTF_8);
    }

    /** Crypto-shredding: her key goes, and with it every text sealed under it. */
    public void destroy(UUID subjectId) {
        jdbc.update("delete from subject_key where subject_id = ?", ps -> ps.setObject(1, subjectId));
    }

    private byte[] keyFor(UUID subjectId) {
        Optional<byte[]> existing = wrappedKey(subjectId);
        if (existing.isPresent()) return existing.get();
        byte[] wrapped = envelope.newWrappedKey(keyAad(subjectId));
        // Two first texts at once: the second insert waits for the first and keeps its key.
        jdbc.update("insert into subject_key (subject_id, kek_id, wrapped_key, created_at) values (?, ?, ?, ?)"
                + " on conflict (subject_id) do nothing", ps -> {
                    ps.setObject(1, subjectId);
                    ps.setString(2, envelope.kekId());
                    ps.setBytes(3, wrapped);
                    ps.setObject(4, OffsetDateTime.now());
                });
        return wrappedKey(subjectId).orElseThrow();
    }

    private Optional<byte[]> wrappedKey(UUID subjectId) {
        return jdbc.query("select wrapped_key from subject_key where subject_id = ?", ps -> ps.setObject(1, subjectId),
                rs -> rs.getBytes(1)).stream().findFirst();
    }

    static byte[] keyAad(UUID subjectId) {
        return ("pathways:consent-subject-key:v1|" + subjectId).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] aad(UUID subjectId, Place p) {
        return ("pathways:consent-text:v1|" + subjectId + "|" + p.table() + "|" + p.row() + "|" + p.field())
                .getBytes(StandardCharsets.US_ASCII);
    }
}
