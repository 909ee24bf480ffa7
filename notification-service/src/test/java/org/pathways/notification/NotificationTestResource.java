package org.pathways.notification;

import java.util.LinkedHashMap;
import java.util.Map;

import org.pathways.stack.StackManager;
import org.pathways.stack.testing.LocalStackTestResource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The real test stack (PostgreSQL, Kafka, Keycloak), plus the real directory-service started from its packaged jar
 * (routing answers come from it, over HTTP with our client-credentials token), plus a real SMTP server (GreenMail) in
 * this JVM that the Quarkus Mailer talks to over the network.
 */
public class NotificationTestResource extends LocalStackTestResource {

    static volatile GreenMail smtp;

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("service", "notification"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>(super.start());
        StackManager stack = StackManager.forProfile("test");
        if (!stack.component("directory").isReady()) stack.startComponent("directory");
        if (smtp == null) {
            // Port base + 25, so parallel builds with their own port bases never collide.
            smtp = new GreenMail(new ServerSetup(stack.layout().portBase() + 25, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort()));
        // Log to a file as well, so the canary test can read every line this service wrote.
        config.put("quarkus.log.file.enabled", "true");
        config.put("quarkus.log.file.path", "target/notification-test.log");
        return config;
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }
}
