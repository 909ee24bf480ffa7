package org.pathways.notification.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The webhook address rule on plain objects (ADR 0048): every spelling and class of address, resolution once. */
class UrlGuardTest {

    /** A public address this machine owns (a host with a public interface), for the own-address rule. */
    static final InetAddress OWN_PUBLIC = ip("81.2.69.160");
    static final InetAddress PUBLIC = ip("93.184.215.14");
    static final Set<InetAddress> OWN = Set.of(ip("127.0.0.1"), ip("::1"), OWN_PUBLIC, ip("2a00:1450:4009:81f::200e"));

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static InetAddress v6(String literal) {
        try {
            // Keeps an IPv4-mapped address as IPv6 (InetAddress.getByName would turn it into IPv4), as a resolver may.
            return java.net.Inet6Address.getByAddress(null, ip6bytes(literal), null);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] ip6bytes(String literal) {
        byte[] b = new byte[16];
        String[] halves = literal.split("::", -1);
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
        String rest = halves.length > 1 ? halves[1] : "";
        int dot = rest.lastIndexOf(':') + 1;
        if (rest.indexOf('.') > 0) { // a dotted IPv4 tail: two groups
            byte[] v4 = ip(rest.substring(dot)).getAddress();
            rest = rest.substring(0, dot) + Integer.toHexString((v4[0] & 0xff) << 8 | (v4[1] & 0xff)) + ":"
                    + Integer.toHexString((v4[2] & 0xff) << 8 | (v4[3] & 0xff));
        }
        String[] tail = rest.isEmpty() ? new String[0] : rest.split(":");
        for (int i = 0; i < head.length; i++) put(b, i, head[i]);
        for (int i = 0; i < tail.length; i++) put(b, 8 - tail.length + i, tail[i]);
        return b;
    }

    private static void put(byte[] b, int group, String hex) {
        int v = Integer.parseInt(hex, 16);
        b[group * 2] = (byte) (v >> 8);
        b[group * 2 + 1] = (byte) v;
    }

    static UrlGuard guard(boolean allowPrivate, boolean allowLoopback, Map<String, List<InetAddress>> dns) {
        return new UrlGuard(allowPrivate, allowLoopback, host -> {
            List<InetAddress> found = dns.get(host);
            if (found != null) return found.toArray(InetAddress[]::new);
            if (host.startsWith("[") || Character.isDigit(host.charAt(0))) return new InetAddress[] {ip(host)};
            throw new UnknownHostException(host);
        }, () -> OWN);
    }

    static Optional<String> cls(String literal) {
        return UrlGuard.forbidden(ip(literal), false, false, OWN);
    }

    @Test
    void everyNonPublicIpv4ClassIsRefused() {
        Map<String, String> cases = Map.ofEntries(Map.entry("0.0.0.0", "unspecified"), Map.entry("0.1.2.3", "reserved"),
                Map.entry("127.0.0.1", "loopback"), Map.entry("127.8.9.10", "loopback"), Map.entry("10.1.2.3", "private"),
                Map.entry("172.16.0.1", "private"), Map.entry("172.31.255.255", "private"), Map.entry("192.168.0.10", "private"),
                Map.entry("100.64.0.1", "private"), Map.entry("100.127.255.254", "private"),
                Map.entry("169.254.169.254", "link-local"), Map.entry("192.0.0.8", "reserved"), Map.entry("192.0.2.2", "reserved"),
                Map.entry("198.18.0.1", "reserved"), Map.entry("198.51.100.7", "reserved"), Map.entry("203.0.113.9", "reserved"),
                Map.entry("192.88.99.1", "reserved"), Map.entry("224.0.0.1", "multicast"), Map.entry("239.255.255.250", "multicast"),
                Map.entry("240.0.0.1", "reserved"), Map.entry("255.255.255.255", "broadcast"));
        cases.forEach((address, expected) -> assertEquals(Optional.of(expected), cls(address), address));
        for (String ok : List.of("93.184.215.14", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "8.8.8.8")) {
            assertEquals(Optional.empty(), cls(ok), ok);
        }
    }

    @Test
    void everyNonPublicIpv6ClassIsRefusedAndEmbeddedIpv4IsJudgedAsItself() {
        Map<String, String> cases = Map.ofEntries(Map.entry("::", "unspecified"), Map.entry("::1", "loopback"),
                Map.entry("::127.0.0.1", "ipv4-compatible"), Map.entry("::8.8.8.8", "ipv4-compatible"),
                Map.entry("fe80::1", "link-local"), Map.entry("febf::1", "link-local"), Map.entry("fec0::1", "private"),
                Map.entry("fc00::1", "private"), Map.entry("fd00::2", "private"), Map.entry("ff02::1", "multicast"),
                Map.entry("ff05::1:3", "multicast"), Map.entry("2001:0:4136:e378:8000:63bf:3fff:fdd2", "tunnel"),
                Map.entry("2001:db8::1", "reserved"), Map.entry("100::1", "reserved"), Map.entry("64:ff9b:1::a00:1", "reserved"),
                Map.entry("::ffff:0:a00:1", "reserved"),
                // NAT64 and 6to4 carrying a forbidden IPv4 address are forbidden as that address.
                Map.entry("64:ff9b::7f00:1", "loopback"), Map.entry("64:ff9b::a9fe:a9fe", "link-local"),
                Map.entry("2002:7f00:1::1", "loopback"), Map.entry("2002:c0a8:1::1", "private"));
        cases.forEach((address, expected) -> assertEquals(Optional.of(expected), UrlGuard.forbidden(v6(address), false, false, OWN),
                address));
        // IPv4-mapped, kept as IPv6 by a resolver: judged as the IPv4 address.
        assertEquals(Optional.of("loopback"), UrlGuard.forbidden(v6("::ffff:7f00:1"), false, false, OWN));
        assertEquals(Optional.of("private"), UrlGuard.forbidden(v6("::ffff:a00:1"), false, false, OWN));
        for (String ok : List.of("2a00:1450:4009:81f::2004", "64:ff9b::5db8:d70e", "2002:5db8:d70e::1")) {
            assertEquals(Optional.empty(), UrlGuard.forbidden(v6(ok), false, false, OWN), ok);
        }
    }

    @Test
    void theMachinesOwnAddressesAreRefusedWhateverTheirRange() {
        assertEquals(Optional.of("own"), UrlGuard.forbidden(OWN_PUBLIC, true, true, OWN));
        assertEquals(Optional.of("own"), UrlGuard.forbidden(ip("2a00:1450:4009:81f::200e"), true, true, OWN));
        assertEquals(Optional.empty(), UrlGuard.forbidden(PUBLIC, false, false, OWN));
    }

    @Test
    void theTestAllowancesAdmitOnlyPlainLoopbackAndThePrivateAllowanceOnlyPrivateRanges() {
        // allow-loopback: 127/8 and ::1 as themselves; never loopback inside IPv6, never the unspecified address.
        assertEquals(Optional.empty(), UrlGuard.forbidden(ip("127.0.0.1"), false, true, OWN));
        assertEquals(Optional.empty(), UrlGuard.forbidden(ip("::1"), false, true, OWN));
        assertEquals(Optional.of("ipv4-compatible"), UrlGuard.forbidden(v6("::127.0.0.1"), false, true, OWN));
        assertEquals(Optional.of("loopback"), UrlGuard.forbidden(v6("::ffff:7f00:1"), false, true, OWN));
        assertEquals(Optional.of("loopback"), UrlGuard.forbidden(v6("64:ff9b::7f00:1"), false, true, OWN));
        assertEquals(Optional.of("unspecified"), UrlGuard.forbidden(ip("0.0.0.0"), true, true, OWN));
        assertEquals(Optional.of("unspecified"), UrlGuard.forbidden(ip("::"), true, true, OWN));
        // allow-private: the private ranges only.
        for (String p : List.of("10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "fd00::1")) {
            assertEquals(Optional.empty(), UrlGuard.forbidden(ip(p), true, false, Set.of()), p);
        }
        for (String p : List.of("169.254.169.254", "fe80::1", "224.0.0.1", "255.255.255.255", "127.0.0.1")) {
            assertTrue(UrlGuard.forbidden(ip(p), true, false, Set.of()).isPresent(), p);
        }
    }

    @Test
    void ambiguousSpellingsAreRefusedBeforeAnyLookup() {
        for (String url : List.of("http://2130706433/hook", "http://0177.0.0.1/hook", "http://0x7f.0.0.1/hook",
                "http://0x7f000001/hook", "http://127.1/hook", "http://127.0.1/hook", "http://010.0.0.1/hook",
                "http://127.0.0.1./hook", "http://0/hook", "http://[::127.0.0.1]/hook", "http://[::ffff:127.0.0.1]/hook",
                "http://[::ffff:7f00:1]/hook", "http://[0:0:0:0:0:ffff:a00:1]/hook", "http://[fe80::1%25eth0]/hook",
                "http://partner.example.17/hook")) {
            assertTrue(UrlGuard.shapeProblem(url).isPresent(), url);
        }
        for (String url : List.of("https://partner.example.org/hooks/pathways?x=1", "http://93.184.215.14:8080/h",
                "http://[2a00:1450:4009:81f::2004]/h", "https://0x7f.example.org/h")) {
            assertEquals(Optional.empty(), UrlGuard.shapeProblem(url), url);
        }
    }

    @Test
    void everyResolvedAddressMustPassAndTheCheckedAddressIsTheOneToConnectTo() {
        UrlGuard g = guard(false, false, Map.of("partner.example.org", List.of(PUBLIC),
                "mixed.example.org", List.of(PUBLIC, ip("10.0.0.5")),
                "metadata.example.org", List.of(ip("169.254.169.254")),
                "me.example.org", List.of(OWN_PUBLIC)));
        UrlGuard.Checked ok = g.check("https://partner.example.org/hook");
        assertTrue(ok.allowed());
        assertArrayEquals(PUBLIC.getAddress(), ok.target().address().getAddress());
        assertEquals(443, ok.target().port());
        assertTrue(ok.target().tls());
        assertEquals("private-address", g.check("https://mixed.example.org/hook").refusal());
        assertEquals("link-local-address", g.check("http://metadata.example.org/latest").refusal());
        assertEquals("own-address", g.check("http://me.example.org/hook").refusal());
        assertEquals("unresolvable-host", g.check("http://nowhere.example.org/hook").refusal());
        assertEquals("invalid-url", g.check("http://[::127.0.0.1]:8080/hook").refusal());
        assertEquals("loopback-address", g.check("http://127.0.0.1:8080/hook").refusal());
        assertEquals("unspecified-address", g.check("http://0.0.0.0:8080/hook").refusal());
        assertEquals("unspecified-address", g.check("http://[::]:8080/hook").refusal());
        assertEquals("own-address", g.check("http://81.2.69.160/hook").refusal());
    }

    @Test
    void aNameRePointedAfterTheSubscriptionIsRefusedAtDeliveryAndResolvedOncePerCheck() {
        // DNS rebinding: public when the subscription is saved, loopback when the delivery goes.
        Deque<InetAddress[]> answers = new ArrayDeque<>(List.of(new InetAddress[] {PUBLIC},
                new InetAddress[] {ip("127.0.0.1")}, new InetAddress[] {PUBLIC}));
        int[] lookups = {0};
        UrlGuard g = new UrlGuard(false, false, host -> {
            lookups[0]++;
            return answers.pop();
        }, () -> OWN);
        assertTrue(g.check("http://rebind.example.org/hook").allowed());
        UrlGuard.Checked atDelivery = g.check("http://rebind.example.org/hook");
        assertFalse(atDelivery.allowed());
        assertEquals("loopback-address", atDelivery.refusal());
        assertNull(atDelivery.target(), "nothing to connect to");
        assertEquals(2, lookups[0], "one lookup per check: the address checked is the address used");
    }

    @Test
    void ownAddressesThatCannotBeReadRefuseRatherThanGuess() {
        UrlGuard g = new UrlGuard(false, false, host -> new InetAddress[] {PUBLIC}, () -> {
            throw new java.net.SocketException("no interfaces");
        });
        assertEquals("own-addresses-unknown", g.check("http://partner.example.org/hook").refusal());
    }
}
