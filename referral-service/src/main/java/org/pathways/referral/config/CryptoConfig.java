package org.pathways.referral.config;

import java.util.Base64;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * The key-encryption key (KEK) that wraps every subject's data key.
 *
 * <p>{@code pathways.crypto.kek} (base64 of 32 bytes) must be supplied in production. The public demo key in
 * application.properties ({@code pathways.crypto.demo-kek}) is used only in dev/test mode or when the service runs under
 * the local stack launcher (which sets {@code pathways.stack.profile}); anywhere else start-up fails without a KEK, and a
 * production KEK equal to the public demo key is refused.
 */
@Singleton
@Startup
public class CryptoConfig {

    private static final Logger LOG = Logger.getLogger(CryptoConfig.class);

    private final SecretKey kek;
    private final String kekId;

    @Inject
    public CryptoConfig(@ConfigProperty(name = "pathways.crypto.kek") Optional<String> configured,
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
    record Choice(String base64, String kekId, boolean demo) {
    }

    static Choice choose(Optional<String> configured, Optional<String> demo, String kekId, boolean demoAllowed) {
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

    static SecretKey parse(String base64) {
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

    public SecretKey kek() {
        return kek;
    }

    /** Stored with each wrapped key, so a later key rotation knows which KEK to unwrap with. */
    public String kekId() {
        return kekId;
    }
}
