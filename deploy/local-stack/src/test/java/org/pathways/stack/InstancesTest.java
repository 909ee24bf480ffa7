package org.pathways.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** N instances of each service (issue 19): ports, configuration, the count from the environment, status and stop. */
class InstancesTest {

    @TempDir
    Path home;

    private static List<Integer> infrastructurePorts(StackLayout l) {
        // base+25: notification-service's own tests run an in-JVM SMTP server there while the test stack runs.
        return List.of(l.postgresPort(), l.kafkaPort(), l.kafkaControllerPort(), l.keycloakPort(), l.keycloakManagementPort(),
                l.mailPort(), l.dashboardPort(), l.portBase() + 25);
    }

    private static List<Integer> allPorts(StackLayout l) {
        List<Integer> ports = new ArrayList<>(infrastructurePorts(l));
        for (int k = 1; k <= StackLayout.MAX_INSTANCES; k++) {
            for (StackLayout.ServiceSpec s : StackLayout.SERVICES) ports.add(l.servicePort(s, k));
        }
        return ports;
    }

    @Test
    void everyInstanceOfEveryServiceHasItsOwnPortAndNoneMeetsTheOtherProfile() {
        StackLayout demo = new StackLayout("demo", Path.of("/r"), Path.of("/r/.pathways"), StackLayout.DEMO_PORT_BASE, 9);
        StackLayout test = new StackLayout("test", Path.of("/r"), Path.of("/r/.pathways"), StackLayout.TEST_PORT_BASE, 9);
        Set<Integer> seen = new HashSet<>();
        for (int p : allPorts(demo)) assertTrue(seen.add(p), "port " + p + " used twice in the demo profile");
        for (int p : allPorts(test)) assertTrue(seen.add(p), "port " + p + " used twice (test, or both profiles)");
        // Instance 1 keeps the documented ports; instance 2 is base+221..224.
        StackLayout.ServiceSpec referral = StackLayout.service("referral");
        assertEquals(25083, test.servicePort(referral));
        assertEquals(25083, test.servicePort(referral, 1));
        assertEquals(25223, test.servicePort(referral, 2));
        assertEquals(25294, test.servicePort(StackLayout.service("notification"), 9));
        assertEquals("http://127.0.0.1:25221", test.serviceUrl(StackLayout.service("directory"), 2));
        assertThrows(IllegalArgumentException.class, () -> test.servicePort(referral, 10));
        assertThrows(IllegalArgumentException.class, () -> test.servicePort(referral, 0));
    }

    @Test
    void aSecondInstanceSharesTheDatabaseConsumerGroupAndTimingsButNotThePort() {
        Path root = StackLayout.resolve("test").root();
        StackLayout test = new StackLayout("test", root, root.resolve(".pathways"), 30000, 2);
        for (StackLayout.ServiceSpec s : StackLayout.SERVICES) {
            Map<String, String> one = StackConfig.processConfig(test, s, 1);
            Map<String, String> two = StackConfig.processConfig(test, s, 2);
            assertEquals(String.valueOf(test.servicePort(s, 1)), one.get("quarkus.http.port"));
            assertEquals(String.valueOf(test.servicePort(s, 2)), two.get("quarkus.http.port"));
            assertEquals("2", two.get("pathways.stack.instance"));
            Map<String, String> a = new java.util.HashMap<>(one);
            Map<String, String> b = new java.util.HashMap<>(two);
            for (String k : List.of("quarkus.http.port", "pathways.stack.instance")) {
                a.remove(k);
                b.remove(k);
            }
            assertEquals(a, b, s.name() + ": everything but the port and the instance number is the same");
            // Other services (and the dashboard) call instance 1.
            assertEquals("http://127.0.0.1:30083", two.get("pathways.referral.url"));
        }
        Map<String, String> info = StackConfig.stackInfo(test);
        assertEquals("2", info.get("pathways.stack.instances"));
        assertEquals("http://127.0.0.1:30083,http://127.0.0.1:30223", info.get("pathways.stack.referral.urls"));
    }

    @Test
    void theCountComesFromTheEnvironmentOrSystemPropertyAndIsBounded() {
        String key = "pathways.test.instances";
        try {
            assertEquals(1, StackLayout.resolve("test").instances());
            System.setProperty(key, "3");
            assertEquals(3, StackLayout.resolve("test").instances());
            assertEquals(1, StackLayout.resolve("demo").instances(), "each profile has its own count");
            System.setProperty(key, "0");
            assertThrows(IllegalArgumentException.class, () -> StackLayout.resolve("test"));
            System.setProperty(key, "10");
            assertThrows(IllegalArgumentException.class, () -> StackLayout.resolve("test"));
            System.setProperty(key, "two");
            assertThrows(IllegalArgumentException.class, () -> StackLayout.resolve("test"));
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void statusListsTheConfiguredInstancesAndAnyOtherStillRunningAndStopStopsThemAll() throws Exception {
        StackLayout layout = new StackLayout("test", home.getParent(), home, 45000, 2);
        StackManager stack = new StackManager(layout);
        List<String> names = stack.all().stream().map(Component::name).toList();
        assertTrue(names.containsAll(List.of("directory-service", "referral-service", "directory-service-2", "notification-service-2")), names.toString());
        assertFalse(names.contains("referral-service-3"), names.toString());
        assertEquals(4 * StackLayout.MAX_INSTANCES, stack.everything().stream().filter(c -> c instanceof ServiceApp).count());
        assertEquals("referral-service-2", stack.component("referral-2").name());
        assertEquals("referral-service-2", stack.component("referral-service-2").name());
        assertEquals("referral-service", stack.component("referral").name());
        assertEquals("consent-service-3", stack.instance("consent", 3).name());
        assertThrows(IllegalArgumentException.class, () -> stack.component("billing-2"));

        // A third instance left running (as after "scale 3" and a new shell with the default count): status shows it and
        // stop stops it, although this stack is configured for fewer.
        ManagedProcess third = new ManagedProcess("referral-service-3", layout);
        ProcessHandle h = third.start(List.of("sleep", "60"), home, Map.of());
        StackManager single = new StackManager(layout.withInstances(1));
        assertTrue(single.status().contains("referral-service-3"), single.status());
        assertFalse(single.status().contains("referral-service-2 "), single.status());
        single.stopAll();
        await(() -> !h.isAlive());
        assertFalse(h.isAlive());
        assertFalse(single.status().contains("referral-service-3"));
    }

    @Test
    void theUsageNamesInstancesAndScale() {
        assertTrue(LocalStack.usage().contains("scale N"));
        assertTrue(LocalStack.usage().contains("--instances N"));
        assertTrue(LocalStack.banner(new StackLayout("demo", Path.of("/nonexistent"), Path.of("/nonexistent/.pathways"), 15000, 2))
                .contains("referral-service-2"));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(50);
    }
}
