package org.pathways.platform.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** KEK rotation on plain objects: a key wrapped by a retired KEK opens and re-wraps; nothing else opens it. */
class EnvelopeCryptoRotationTest {

    static final String OLD = key('o');
    static final String NEW = key('n');
    static final byte[] AAD = "pathways:subject-key:v1|x".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TEXT_AAD = "pathways:text|x".getBytes(StandardCharsets.US_ASCII);

    static String key(char c) {
        return Base64.getEncoder().encodeToString(String.valueOf(c).repeat(32).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aKeyWrappedByARetiredKekOpensAndIsRewrappedUnderTheCurrentOne() {
        EnvelopeCrypto before = new EnvelopeCrypto(OLD, "kek-1", List.of());
        byte[] wrapped = before.newWrappedKey(AAD);
        byte[] sealed = before.seal(wrapped, AAD, "her words".getBytes(StandardCharsets.UTF_8), TEXT_AAD);

        EnvelopeCrypto after = new EnvelopeCrypto(NEW, "kek-2", List.of("kek-1:" + OLD));
        assertArrayEquals("her words".getBytes(StandardCharsets.UTF_8), after.open(wrapped, AAD, sealed, TEXT_AAD));
        byte[] rewrapped = after.rewrap(wrapped, AAD);
        // Re-wrapped: the same data key, so the text opens; and the old KEK alone can no longer open the key.
        EnvelopeCrypto onlyNew = new EnvelopeCrypto(NEW, "kek-2", List.of());
        assertArrayEquals("her words".getBytes(StandardCharsets.UTF_8), onlyNew.open(rewrapped, AAD, sealed, TEXT_AAD));
        assertThrows(IllegalStateException.class, () -> before.open(rewrapped, AAD, sealed, TEXT_AAD));
        // Before the re-wrap, without the retired KEK, her key does not open.
        assertThrows(IllegalStateException.class, () -> onlyNew.open(wrapped, AAD, sealed, TEXT_AAD));
        // The binding still holds through a rotation: another subject's associated data does not open it.
        assertThrows(IllegalStateException.class, () -> after.rewrap(wrapped, "pathways:subject-key:v1|y".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void retiredKeksAreCheckedWhenConfigured() {
        assertThrows(IllegalStateException.class, () -> new EnvelopeCrypto(NEW, "kek-2", List.of("kek-2:" + OLD)), "the current id");
        assertThrows(IllegalStateException.class, () -> new EnvelopeCrypto(NEW, "kek-2", List.of("kek-1:" + OLD, "kek-1:" + OLD)), "twice");
        assertThrows(IllegalStateException.class, () -> new EnvelopeCrypto(NEW, "kek-2", List.of(OLD)), "no id");
        assertThrows(IllegalStateException.class, () -> new EnvelopeCrypto(NEW, "kek-2", List.of("kek-1:c2hvcnQ=")), "not 32 bytes");
    }
}
