package org.pathways.referral.selfreferral;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathways.referral.domain.selfreferral.SelfReferralRules;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The per-address limit on self-referrals (ADR 0089): in memory only, at most 10,000 addresses, each forgotten an hour
 * after its window began. An address is personal data: it is held only as a hash under a key made at start-up (never
 * written to the database or a log), so even a heap dump does not list who asked. Per replica: the service-wide limit
 * (a database row) is what holds across replicas.
 */
@ApplicationScoped
public class AddressLimiter {

    private static final Duration WINDOW = Duration.ofHours(1);

    private record Window(Instant start, int taken) {
    }

    @ConfigProperty(name = "pathways.self-referral.address-limit-per-hour", defaultValue = "5")
    int limit;

    /** Proxies whose X-Forwarded-For is believed (the dashboard forwards her address); others are the address itself. */
    @ConfigProperty(name = "pathways.self-referral.trusted-proxies", defaultValue = "127.0.0.1,0:0:0:0:0:0:0:1,::1")
    List<String> trustedProxies;

    private final byte[] salt = new byte[32];

    private final Cache<String, Window> windows = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(WINDOW).build();

    public AddressLimiter() {
        new SecureRandom().nextBytes(salt);
    }

    /** Counts one request from the client; 0 if allowed, otherwise the seconds until it may ask again. */
    public long take(String remote, String forwardedFor) {
        String client = client(remote, forwardedFor);
        long[] wait = { 0 };
        Instant now = Instant.now();
        windows.asMap().compute(hash(client), (k, w) -> {
            SelfReferralRules.Decision d = SelfReferralRules.take(w == null ? null : w.start(), w == null ? 0 : w.taken(), now, WINDOW, limit);
            if (!d.allowed()) {
                wait[0] = d.retryAfterSeconds();
                return w;
            }
            return new Window(d.windowStart(), d.taken());
        });
        return wait[0];
    }

    /** The client's address: the first X-Forwarded-For entry when the direct peer is a trusted proxy. */
    String client(String remote, String forwardedFor) {
        Set<String> trusted = trustedProxies.stream().map(String::strip).collect(Collectors.toSet());
        if (remote != null && trusted.contains(remote) && forwardedFor != null && !forwardedFor.isBlank()) {
            return Stream.of(forwardedFor.split(",")).map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse(remote);
        }
        return remote == null ? "unknown" : remote;
    }

    private String hash(String address) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            return HexFormat.of().formatHex(md.digest(address.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
