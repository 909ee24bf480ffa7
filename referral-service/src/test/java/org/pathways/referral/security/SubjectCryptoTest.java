package org.pathways.referral.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.platform.crypto.EnvelopeCrypto;

/** Envelope encryption as plain objects: round trip, associated data binding, wrong keys, tampering. */
class SubjectCryptoTest {

    private static final String KEK = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private static SubjectCrypto crypto(String kek) {
        SubjectCrypto c = new SubjectCrypto();
        c.envelope = new EnvelopeCrypto(Optional.of(kek), Optional.empty(), "test-kek", Optional.of("test"), Optional.empty());
        return c;
    }

    private final SubjectCrypto crypto = crypto(KEK);
    private final UUID subject = UUID.randomUUID();
    private final byte[] plain = "{\"text\":\"her words\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTripWithAFreshNonceEachTime() {
        byte[] key = crypto.newWrappedKey(subject);
        assertEquals(1 + 12 + 32 + 16, key.length);
        byte[] a = crypto.encryptSection(key, subject, DataCategory.STORY, 1, plain);
        byte[] b = crypto.encryptSection(key, subject, DataCategory.STORY, 1, plain);
        assertFalse(Arrays.equals(a, b), "random nonce");
        assertArrayEquals(plain, crypto.decryptSection(key, subject, DataCategory.STORY, 1, a));
        assertFalse(new String(a, StandardCharsets.ISO_8859_1).contains("her words"));
    }

    @Test
    void eachSubjectHasHerOwnKey() {
        assertNotEquals(Arrays.toString(crypto.newWrappedKey(subject)), Arrays.toString(crypto.newWrappedKey(subject)));
        byte[] hers = crypto.newWrappedKey(subject);
        byte[] other = crypto.newWrappedKey(subject);
        byte[] sealed = crypto.encryptSection(hers, subject, DataCategory.STORY, 1, plain);
        assertThrows(IllegalStateException.class, () -> crypto.decryptSection(other, subject, DataCategory.STORY, 1, sealed));
    }

    @Test
    void ciphertextIsBoundToSubjectCategoryAndVersion() {
        byte[] key = crypto.newWrappedKey(subject);
        byte[] sealed = crypto.encryptSection(key, subject, DataCategory.STORY, 2, plain);
        assertThrows(IllegalStateException.class, () -> crypto.decryptSection(key, subject, DataCategory.STORY, 1, sealed));
        assertThrows(IllegalStateException.class, () -> crypto.decryptSection(key, subject, DataCategory.NEEDS, 2, sealed));
        // Her wrapped key moved to another subject's row does not unwrap.
        assertThrows(IllegalStateException.class, () -> crypto.decryptSection(key, UUID.randomUUID(), DataCategory.STORY, 2, sealed));
    }

    @Test
    void tamperingAndAnotherKekAreDetected() {
        byte[] key = crypto.newWrappedKey(subject);
        byte[] sealed = crypto.encryptSection(key, subject, DataCategory.STORY, 1, plain);
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 20] ^= 1;
        assertThrows(IllegalStateException.class, () -> crypto.decryptSection(key, subject, DataCategory.STORY, 1, flipped));
        SubjectCrypto otherKek = crypto(Base64.getEncoder().encodeToString(new byte[32]));
        assertThrows(IllegalStateException.class, () -> otherKek.decryptSection(key, subject, DataCategory.STORY, 1, sealed));
    }

    @Test
    void theKekMustBe32BytesOfBase64() {
        assertThrows(IllegalStateException.class, () -> crypto(Base64.getEncoder().encodeToString(new byte[16])));
        assertThrows(IllegalStateException.class, () -> crypto("not base64!"));
    }
}
