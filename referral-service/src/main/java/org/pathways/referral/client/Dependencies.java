package org.pathways.referral.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.pathways.platform.client.Dependency;

/** The services referral-service calls, one circuit breaker each however many classes call them. */
@ApplicationScoped
public class Dependencies {

    private final Dependency directory = new Dependency("directory-service", true);
    // Decisions are audited by consent-service: a failed batch is not sent again behind the caller's back.
    private final Dependency consent = new Dependency("consent-service", false);
    private final Dependency keycloak = new Dependency("Keycloak", true);

    public Dependency directory() {
        return directory;
    }

    public Dependency consent() {
        return consent;
    }

    public Dependency keycloak() {
        return keycloak;
    }
}
