package org.pathways.dashboard.security;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * "Sign in is unavailable" (issue 15): without a session, Quarkus OIDC answers a page request with a 302 to Keycloak's
 * login page without asking Keycloak anything (it discovered the endpoints at start), so while Keycloak is down the
 * person got the browser's own connection error on Keycloak's address. This filter runs before authentication (a
 * Vert.x filter above {@link SecurityHandlerPriorities#AUTHENTICATION}): for a request that would be sent to Keycloak
 * (a page GET, no session cookie, not a script) it first asks Keycloak's discovery document (short timeout, answer kept
 * a second), and when Keycloak does not answer it shows our own page instead ({@code /sign-in-unavailable}, 503). The
 * decision which requests are sent to Keycloak is {@link #sendsToKeycloak} (pure, {@code SignInGateTest}).
 */
@ApplicationScoped
public class SignInGate {

    private static final Logger LOG = Logger.getLogger(SignInGate.class);

    /** Our page; must stay public (application.properties) and is never gated itself. */
    public static final String UNAVAILABLE = "/sign-in-unavailable";

    /** Paths that need no session (as {@code quarkus.http.auth.permission.public.paths}): never sent to Keycloak. */
    private static final List<String> PUBLIC = List.of(UNAVAILABLE, "/self-referral", "/signed-out", "/q/", "/webjars/", "/static/", "/favicon.ico");

    /** How long one answer of Keycloak (up or down) is believed: a burst of sign-ins asks once. */
    private static final long BELIEVED_NANOS = Duration.ofSeconds(1).toNanos();

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realmUrl;

    private volatile HttpClient client;
    private final AtomicLong checkedAt = new AtomicLong(System.nanoTime() - 2 * BELIEVED_NANOS);
    private volatile boolean up = true;

    /**
     * Whether Quarkus OIDC would send this request to Keycloak: a GET or HEAD of a page that needs a session, without
     * the session cookie ({@code q_session…}), and not a script's request (those get OIDC's 499 and dashboard.js reloads).
     */
    public static boolean sendsToKeycloak(String method, String path, boolean hasSessionCookie, boolean scripted) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) return false;
        if (hasSessionCookie || scripted || path == null) return false;
        return PUBLIC.stream().noneMatch(p -> p.endsWith("/") ? path.startsWith(p) || path.equals(p.substring(0, p.length() - 1)) : path.equals(p));
    }

    void register(@Observes Filters filters) {
        filters.register(this::gate, SecurityHandlerPriorities.AUTHENTICATION + 50);
    }

    private void gate(RoutingContext rc) {
        boolean session = rc.request().cookies().stream().anyMatch(c -> c.getName().startsWith("q_session"));
        boolean scripted = rc.request().getHeader("X-Requested-With") != null;
        if (!sendsToKeycloak(rc.request().method().name(), rc.normalizedPath(), session, scripted)) {
            rc.next();
            return;
        }
        keycloakAnswers().onComplete(ar -> {
            if (ar.succeeded() && ar.result()) {
                rc.next();
            } else {
                rc.reroute(UNAVAILABLE);
            }
        });
    }

    private Future<Boolean> keycloakAnswers() {
        long now = System.nanoTime();
        long last = checkedAt.get();
        if (now - last < BELIEVED_NANOS) return Future.succeededFuture(up);
        checkedAt.set(now);
        RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(realmUrl + "/.well-known/openid-configuration").setTimeout(2000);
        return client().request(get)
                .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode() < 500)))
                .otherwise(false)
                .map(answered -> {
                    if (up && !answered) LOG.warnf("Keycloak did not answer at %s: sign-in shows %s", realmUrl, UNAVAILABLE);
                    if (!up && answered) LOG.infof("Keycloak answers again: sign-in goes to it");
                    up = answered;
                    return answered;
                });
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000));
                c = client;
            }
        }
        return c;
    }
}
