package org.pathways.dashboard.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which requests Quarkus OIDC would send to Keycloak: only those are checked against Keycloak first. */
class SignInGateTest {

    @Test
    void aPageOpenedWithoutASessionGoesToKeycloak() {
        assertTrue(SignInGate.sendsToKeycloak("GET", "/", false, false));
        assertTrue(SignInGate.sendsToKeycloak("GET", "/work", false, false));
        assertTrue(SignInGate.sendsToKeycloak("GET", "/turn-aways", false, false));
        assertTrue(SignInGate.sendsToKeycloak("GET", "/signin-callback", false, false), "the code exchange asks Keycloak too");
        assertTrue(SignInGate.sendsToKeycloak("HEAD", "/reports", false, false));
    }

    @Test
    void withASessionAScriptAFormPostOrAPublicPathNothingIsChecked() {
        assertFalse(SignInGate.sendsToKeycloak("GET", "/work", true, false), "signed in: the session's tokens are checked locally");
        assertFalse(SignInGate.sendsToKeycloak("GET", "/work/queues", false, true), "htmx: OIDC answers 499 and the page reloads");
        assertFalse(SignInGate.sendsToKeycloak("POST", "/sign-out", false, false));
        for (String p : new String[] {"/sign-in-unavailable", "/signed-out", "/q/health/ready", "/webjars/htmx.org/2.0.10/dist/htmx.min.js",
                "/static/dashboard.css", "/favicon.ico"}) {
            assertFalse(SignInGate.sendsToKeycloak("GET", p, false, false), p);
        }
        assertTrue(SignInGate.sendsToKeycloak("GET", "/staticky", false, false), "a prefix that is not a folder is not public");
    }
}
