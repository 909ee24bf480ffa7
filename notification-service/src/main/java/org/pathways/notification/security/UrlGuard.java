package org.pathways.notification.security;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Server-side request forgery guard for webhook URLs (ADR 0042, ADR 0048). The URL must be http(s) without credentials
 * or fragment, its host a DNS name or a plain address (no IPv4 spelt in decimal, octal or hex, no IPv4 inside an IPv6
 * literal, no interface zone). The host is resolved once; <em>every</em> address it resolves to must be a public
 * unicast address that is not one of this machine's own, and the delivery connects to the address that was checked
 * ({@link Target#address()}), so a name re-pointed between the check and the connection (DNS rebinding) cannot
 * redirect it. Checked when a subscription is saved and again before every delivery.
 *
 * <p>{@code pathways.webhooks.allow-private} admits the private ranges only (10/8, 172.16/12, 192.168/16, 100.64/10,
 * fc00::/7, fec0::/10) for receivers on a private network; {@code pathways.webhooks.allow-loopback} admits the plain
 * loopback addresses only (127/8, ::1: the tests' receiver). Nothing admits link-local, multicast, broadcast,
 * unspecified, reserved or documentation ranges, IPv4-compatible IPv6, Teredo, or the machine's own addresses.
 */
@ApplicationScoped
public class UrlGuard {

    /** Resolves a host name (or literal) to all its addresses; the system resolver outside unit tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The machine's own addresses (every interface); read at each check, as interfaces come and go. */
    @FunctionalInterface
    public interface OwnAddresses {
        Set<InetAddress> get() throws SocketException;
    }

    /** What a delivery connects to: the URL (for the Host header, TLS name and path) and the checked address. */
    public record Target(URI uri, InetAddress address, int port, boolean tls) {
    }

    /** The outcome of a check: a target, or a refusal reason (a code safe to log and store). */
    public record Checked(Target target, String refusal) {
        public boolean allowed() {
            return refusal == null;
        }
    }

    // WHATWG URL "ends in a number": a last label of digits or 0x-hex makes the host an IPv4 address, whatever else
    // it looks like; only the canonical dotted-decimal spelling is accepted (resolvers disagree on the others).
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    @ConfigProperty(name = "pathways.webhooks.allow-private", defaultValue = "false")
    boolean allowPrivate;

    @ConfigProperty(name = "pathways.webhooks.allow-loopback", defaultValue = "false")
    boolean allowLoopback;

    Resolver resolver = InetAddress::getAllByName;
    OwnAddresses ownAddresses = UrlGuard::interfaceAddresses;

    public UrlGuard() {
    }

    /** A guard on plain objects (unit tests). */
    public UrlGuard(boolean allowPrivate, boolean allowLoopback, Resolver resolver, OwnAddresses ownAddresses) {
        this.allowPrivate = allowPrivate;
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
        this.ownAddresses = ownAddresses;
    }

    /** Why the URL's shape is refused (a message for {@code errors[].detail}), or empty. Does not resolve the host. */
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
        return hostProblem(uri.getHost());
    }

    private static Optional<String> hostProblem(String host) {
        if (host.startsWith("[")) {
            if (host.contains("%")) return Optional.of("must not name a network interface (zone) in an IPv6 address");
            if (host.contains(".")) return Optional.of("must not embed an IPv4 address in an IPv6 address");
            try {
                // A literal: parsed without any lookup. Java turns ::ffff:a.b.c.d (in any spelling) into IPv4.
                if (InetAddress.getByName(host) instanceof Inet4Address) {
                    return Optional.of("must not be an IPv4-mapped IPv6 address; write the IPv4 address");
                }
            } catch (UnknownHostException e) {
                return Optional.of("is not a valid IPv6 address");
            }
            return Optional.empty();
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1);
        if (NUMERIC_LABEL.matcher(last).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            return Optional.of("must be a DNS name or an IPv4 address in dotted decimal (a.b.c.d)");
        }
        return Optional.empty();
    }

    /** Why the URL may not be called now (a reason code safe to log and store), or empty when it may. */
    public Optional<String> refusal(String url) {
        return Optional.ofNullable(check(url).refusal());
    }

    /**
     * Checks the URL now: shape, one resolution, every resolved address. The returned target's address is the one to
     * connect to; resolving the name again later would reopen the window this closes.
     */
    public Checked check(String url) {
        if (shapeProblem(url).isPresent()) return new Checked(null, "invalid-url");
        URI uri = URI.create(url);
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            return new Checked(null, "unresolvable-host");
        }
        if (addresses == null || addresses.length == 0) return new Checked(null, "unresolvable-host");
        Set<InetAddress> own;
        try {
            own = ownAddresses.get();
        } catch (SocketException e) {
            return new Checked(null, "own-addresses-unknown"); // deny by default: cannot tell whether it is us
        }
        for (InetAddress a : addresses) {
            Optional<String> forbidden = forbidden(a, allowPrivate, allowLoopback, own);
            if (forbidden.isPresent()) return new Checked(null, forbidden.get() + "-address");
        }
        return new Checked(new Target(uri, addresses[0], port, tls), null);
    }

    /**
     * The class of a forbidden address ({@code loopback}, {@code own}, {@code private}, {@code link-local},
     * {@code multicast}, {@code broadcast}, {@code unspecified}, {@code reserved}, {@code ipv4-compatible},
     * {@code tunnel}), or empty for an address a webhook may be sent to. IPv4 embedded in NAT64 (64:ff9b::/96), 6to4
     * (2002::/16) and IPv4-mapped IPv6 is judged as the IPv4 address it carries.
     */
    public static Optional<String> forbidden(InetAddress a, boolean allowPrivate, boolean allowLoopback, Set<InetAddress> own) {
        byte[] b = a.getAddress();
        byte[] v4 = b.length == 4 ? b : embeddedIpv4(b);
        Optional<String> cls = v4 != null ? classifyV4(v4) : classifyV6(b);
        if (cls.isPresent()) {
            String c = cls.get();
            // Loopback is admitted (tests) only as itself, never inside an IPv6 address; it is also "own" (lo).
            boolean embedded = v4 != null && v4 != b;
            if (c.equals("loopback") && allowLoopback && !embedded) return Optional.empty();
            if (!(c.equals("private") && allowPrivate)) return cls;
        }
        // A private address admitted for a private network is still refused when it is this machine's own.
        if (isOwn(a, own)) return Optional.of("own");
        return Optional.empty();
    }

    private static boolean isOwn(InetAddress a, Set<InetAddress> own) {
        for (InetAddress o : own) if (Arrays.equals(o.getAddress(), a.getAddress())) return true;
        return false;
    }

    static Optional<String> classifyV4(byte[] b) {
        int x = b[0] & 0xff, y = b[1] & 0xff, z = b[2] & 0xff, w = b[3] & 0xff;
        if (x == 0 && y == 0 && z == 0 && w == 0) return Optional.of("unspecified");
        if (x == 0) return Optional.of("reserved"); // 0/8: "this network"
        if (x == 127) return Optional.of("loopback");
        if (x == 10 || (x == 172 && y >= 16 && y <= 31) || (x == 192 && y == 168)) return Optional.of("private");
        if (x == 100 && y >= 64 && y <= 127) return Optional.of("private"); // carrier-grade NAT (shared)
        if (x == 169 && y == 254) return Optional.of("link-local"); // cloud metadata endpoints live here
        if (x == 192 && y == 0 && (z == 0 || z == 2)) return Optional.of("reserved"); // protocol assignments; TEST-NET-1
        if (x == 192 && y == 88 && z == 99) return Optional.of("reserved"); // old 6to4 relay anycast
        if (x == 198 && (y == 18 || y == 19)) return Optional.of("reserved"); // benchmarking
        if ((x == 198 && y == 51 && z == 100) || (x == 203 && y == 0 && z == 113)) return Optional.of("reserved");
        if (x >= 224 && x <= 239) return Optional.of("multicast");
        if (x == 255 && y == 255 && z == 255 && w == 255) return Optional.of("broadcast");
        if (x >= 240) return Optional.of("reserved");
        return Optional.empty();
    }

    static Optional<String> classifyV6(byte[] b) {
        boolean zero96 = allZero(b, 0, 12);
        if (zero96 && allZero(b, 12, 16)) return Optional.of("unspecified");
        if (zero96 && allZero(b, 12, 15) && b[15] == 1) return Optional.of("loopback");
        if (zero96) return Optional.of("ipv4-compatible"); // ::a.b.c.d, deprecated (RFC 4291): never a receiver
        int b0 = b[0] & 0xff, b1 = b[1] & 0xff;
        if (b0 == 0xff) return Optional.of("multicast");
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) return Optional.of("link-local");
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) return Optional.of("private"); // site-local, deprecated
        if ((b0 & 0xfe) == 0xfc) return Optional.of("private"); // unique local fc00::/7
        if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) return Optional.of("tunnel"); // Teredo 2001::/32
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) return Optional.of("reserved");
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0 && b[5] == 1) {
            return Optional.of("reserved"); // 64:ff9b:1::/48, local-use NAT64
        }
        if (b0 == 0x01 && b1 == 0 && allZero(b, 2, 8)) return Optional.of("reserved"); // discard-only 100::/64
        if (allZero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0) {
            return Optional.of("reserved"); // ::ffff:0:a.b.c.d (SIIT)
        }
        return Optional.empty();
    }

    /** The IPv4 address carried by an IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    static byte[] embeddedIpv4(byte[] b) {
        if (b.length != 16) return null;
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) return Arrays.copyOfRange(b, 12, 16);
        if (b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) return Arrays.copyOfRange(b, 2, 6);
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }

    /** Every address of every interface of this machine, up or down. */
    public static Set<InetAddress> interfaceAddresses() throws SocketException {
        Set<InetAddress> out = new HashSet<>();
        var interfaces = NetworkInterface.getNetworkInterfaces();
        if (interfaces == null) return out;
        while (interfaces.hasMoreElements()) {
            interfaces.nextElement().getInetAddresses().asIterator().forEachRemaining(out::add);
        }
        return out;
    }
}
