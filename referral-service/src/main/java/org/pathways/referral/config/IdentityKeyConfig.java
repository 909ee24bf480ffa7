package org.pathways.referral.config;

import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pathways.referral.security.IdentityHasher;

import io.quarkus.runtime.LaunchMode;

/**
 * The key of the identity hash used to count unduplicated people ({@code pathways.reports.identity-key}, base64 of at
 * least 32 bytes, kept outside the database). Same rule as the KEK: the public demo key only in dev/test or under the
 * local stack launcher; production refuses to start without a key, or with the demo key.
 */
@Singleton
public class IdentityKeyConfig {

    private static final Logger LOG = Logger.getLogger(IdentityKeyConfig.class);

    @Produces
    @Singleton
    IdentityHasher identityHasher(@ConfigProperty(name = "pathways.reports.identity-key") Optional<String> configured,
            @ConfigProperty(name = "pathways.reports.demo-identity-key") Optional<String> demo,
            @ConfigProperty(name = "pathways.stack.profile") Optional<String> localStack) {
        boolean demoAllowed = LaunchMode.current() != LaunchMode.NORMAL || localStack.isPresent();
        String base64;
        if (configured.isPresent() && !configured.get().isBlank()) {
            if (!demoAllowed && demo.isPresent() && configured.get().trim().equals(demo.get().trim())) {
                throw new IllegalStateException("pathways.reports.identity-key is the public demo key; supply a real key");
            }
            base64 = configured.get();
        } else if (demoAllowed && demo.isPresent()) {
            LOG.warn("USING THE PUBLIC DEMO IDENTITY-HASH KEY (pathways.reports.demo-identity-key): local stack / tests only");
            base64 = demo.get();
        } else {
            throw new IllegalStateException(
                    "pathways.reports.identity-key (PATHWAYS_REPORTS_IDENTITY_KEY) is required: base64 of 32 random bytes");
        }
        try {
            return new IdentityHasher(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pathways.reports.identity-key must be base64 of at least 32 bytes");
        }
    }
}
