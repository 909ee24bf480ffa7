package org.pathways.notification.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Server-side request forgery guard for webhook URLs: only http(s), no credentials in the URL, and a host that does not
 * resolve to a loopback, private, link-local, unique-local, carrier-grade NAT, multicast or unspecified address
 * (cloud metadata endpoints live there). Checked when a subscription is saved and again before every delivery, so a
 * DNS name re-pointed later is refused too. {@code pathways.webhooks.allow-private} lifts the address rule;
 * {@code pathways.webhooks.allow-loopback} lifts it for loopback only (the tests' receiver).
 */
@ApplicationScoped
public class UrlGuard {

    @ConfigProperty(name = "pathways.webhooks.allow-private", defaultValue = "false")
    boolean allowPrivate;

    @ConfigProperty(name = "pathways.webhooks.allow-loopback", defaultValue = "false")
    boolean allowLoopback;

    /** Why the URL's shape is refused (reason code), or empty. Does not resolve the host. */
    public static Optional<String> shapeProblem(String url) {
        if (url == null || url.isBlank()) return Optional.of("is required");
        if (url.length() > 2000) return Optional.of("must be at most 2000 characters");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) return Optional.of("must name a host");
        if (uri.getRawUserInfo() != null) return Optional.of("must not contain credentials");
        if (uri.getRawFragment() != null) return Optional.of("must not contain a fragment");
        return Optional.empty();
    }

    /** Why the URL may not be called now (a reason code safe to log and store), or empty when it may. */
    public Optional<String> refusal(String url) {
        Optional<String> shape = shapeProblem(url);
        if (shape.isPresent()) return Optional.of("invalid-url");
        if (allowPrivate) return Optional.empty();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(URI.create(url).getHost());
        } catch (UnknownHostException e) {
            return Optional.of("unresolvable-host");
        }
        for (InetAddress a : addresses) {
            if (a.isLoopbackAddress()) {
                if (!allowLoopback) return Optional.of("private-address");
            } else if (isPrivate(a)) {
                return Optional.of("private-address");
            }
        }
        return Optional.empty();
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) return true;
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff, second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return true; // unique local fc00::/7
            boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address
            for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    InetAddress v4 = InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                    return v4.isLoopbackAddress() || isPrivate(v4);
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
