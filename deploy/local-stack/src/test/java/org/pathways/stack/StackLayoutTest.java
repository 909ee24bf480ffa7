package org.pathways.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StackLayoutTest {

    private static List<Integer> ports(StackLayout l) {
        List<Integer> ports = new java.util.ArrayList<>(List.of(l.postgresPort(), l.kafkaPort(), l.kafkaControllerPort(),
                l.keycloakPort(), l.keycloakManagementPort(), l.mailPort()));
        StackLayout.SERVICES.forEach(s -> ports.add(l.servicePort(s)));
        ports.add(l.dashboardPort());
        return ports;
    }

    @Test
    void demoAndTestProfilesNeverShareAPortOrAFolder() {
        StackLayout demo = new StackLayout("demo", Path.of("/r"), Path.of("/r/.pathways"), StackLayout.DEMO_PORT_BASE);
        StackLayout test = new StackLayout("test", Path.of("/r"), Path.of("/r/.pathways"), StackLayout.TEST_PORT_BASE);
        Set<Integer> all = new HashSet<>(ports(demo));
        assertEquals(ports(demo).size(), all.size(), "ports within a profile are distinct");
        ports(test).forEach(p -> assertTrue(all.add(p), "port " + p + " used by both profiles"));
        assertTrue(!demo.state().equals(test.state()));
    }

    @Test
    void commonDefaultPortsAreAvoided() {
        StackLayout demo = new StackLayout("demo", Path.of("/r"), Path.of("/r/.pathways"), StackLayout.DEMO_PORT_BASE);
        for (int common : List.of(5432, 9092, 8080, 8081, 8180, 9000)) {
            assertTrue(!ports(demo).contains(common), "uses common port " + common);
        }
    }

    @Test
    void mailSinkStaysOffTheSmtpPortNotificationTestsUse() {
        // notification-service's own tests run an in-JVM SMTP server on base + 25 while the test stack runs.
        StackLayout test = new StackLayout("test", Path.of("/r"), Path.of("/r/.pathways"), StackLayout.TEST_PORT_BASE);
        assertTrue(test.mailPort() != test.portBase() + 25);
        assertEquals(Path.of("/r/.pathways/test/mail"), test.mail());
    }

    @Test
    void unknownProfileOrServiceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StackLayout.resolve("prod"));
        assertThrows(IllegalArgumentException.class, () -> StackLayout.service("billing"));
        assertEquals("directory", StackLayout.service("directory-service").name());
    }
}
