package org.pathways.referral.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.pathways.platform.crypto.EnvelopeCrypto;

/** Start-up rules for the key-encryption key (platform EnvelopeCrypto), as plain logic (production = demo key not allowed). */
class CryptoConfigTest {

    private static final Optional<String> DEMO = Optional.of(Base64.getEncoder().encodeToString(new byte[32]));
    private static final String REAL = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void productionWithoutAKekRefusesToStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EnvelopeCrypto.choose(Optional.empty(), DEMO, "kek-1", false));
        assertTrue(e.getMessage().contains("pathways.crypto.kek"));
        assertThrows(IllegalStateException.class, () -> EnvelopeCrypto.choose(Optional.of("  "), DEMO, "kek-1", false));
    }

    @Test
    void productionRefusesThePublicDemoKey() {
        assertThrows(IllegalStateException.class, () -> EnvelopeCrypto.choose(DEMO, DEMO, "kek-1", false));
    }

    @Test
    void aConfiguredKekWinsEverywhere() {
        EnvelopeCrypto.Choice prod = EnvelopeCrypto.choose(Optional.of(REAL), DEMO, "kek-7", false);
        assertEquals(REAL, prod.base64());
        assertEquals("kek-7", prod.kekId());
        assertFalse(prod.demo());
        assertFalse(EnvelopeCrypto.choose(Optional.of(REAL), DEMO, "kek-7", true).demo());
    }

    @Test
    void testsAndTheLocalStackFallBackToTheDemoKeyAndSaySo() {
        EnvelopeCrypto.Choice local = EnvelopeCrypto.choose(Optional.empty(), DEMO, "kek-1", true);
        assertTrue(local.demo());
        assertEquals("demo", local.kekId(), "wrapped keys record that the demo key made them");
        assertThrows(IllegalStateException.class, () -> EnvelopeCrypto.choose(Optional.empty(), Optional.empty(), "kek-1", true));
    }

    @Test
    void theShippedConfigurationHasOnlyTheDemoKeyAnd32Bytes() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        assertFalse(p.containsKey("pathways.crypto.kek"), "no production key may ship in application.properties");
        assertFalse(p.stringPropertyNames().stream().anyMatch(k -> k.endsWith(".pathways.crypto.kek")));
        assertEquals(32, EnvelopeCrypto.parse(p.getProperty("pathways.crypto.demo-kek")).getEncoded().length);
    }
}
