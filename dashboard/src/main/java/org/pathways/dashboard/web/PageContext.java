package org.pathways.dashboard.web;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathways.dashboard.security.Csrf;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.Nav;

/** What every page's layout needs ({@code {inject:page.*}} in templates): navigation, CSRF token, assets, exit link. */
@RequestScoped
@Named("page")
public class PageContext {

    @Inject
    CurrentUser user;

    @Inject
    Csrf csrf;

    /** The request, for the navigation's current page. */
    @Inject
    io.vertx.core.http.HttpServerRequest request;

    @ConfigProperty(name = "pathways.dashboard.exit-url")
    String exitUrl;

    @ConfigProperty(name = "pathways.dashboard.assets.govuk-frontend")
    String govuk;

    @ConfigProperty(name = "pathways.dashboard.assets.htmx")
    String htmx;

    @ConfigProperty(name = "pathways.dashboard.assets.htmx-ext-sse")
    String htmxSse;

    @ConfigProperty(name = "pathways.dashboard.assets.chart-js")
    String chartJs;

    @ConfigProperty(name = "pathways.dashboard.session.idle-timeout", defaultValue = "PT20M")
    java.time.Duration idleTimeout;

    @ConfigProperty(name = "pathways.dashboard.session.warning", defaultValue = "PT2M")
    java.time.Duration warning;

    /** Seconds without activity before dashboard.js signs the user out (ADR 0059). */
    public long sessionTimeout() {
        return idleTimeout.toSeconds();
    }

    /** Seconds before that when the warning shows. */
    public long sessionWarning() {
        return warning.toSeconds();
    }

    public boolean signedIn() {
        return user.signedIn();
    }

    public String username() {
        return signedIn() ? user.username() : "";
    }

    public List<Nav.Link> nav() {
        return signedIn() ? Nav.links(user.roles(), request.path()) : List.of();
    }

    public String csrf() {
        return signedIn() ? csrf.token() : "";
    }

    /** htmx sends the token as a header on every request it makes (hx-headers on the body). */
    public String csrfHeaders() {
        // X-Requested-With: Quarkus OIDC answers such a request 499 instead of a redirect to Keycloak when the session
        // has ended, and dashboard.js reloads the page (no login page swapped into a fragment).
        return signedIn() ? "{\"" + Csrf.HEADER + "\": \"" + csrf.token() + "\", \"X-Requested-With\": \"JavaScript\"}" : "{}";
    }

    public String exitUrl() {
        return exitUrl;
    }

    public String govuk() {
        return "/webjars/govuk-frontend/" + govuk + "/dist/govuk";
    }

    public String htmx() {
        return "/webjars/htmx.org/" + htmx + "/dist/htmx.min.js";
    }

    public String htmxSse() {
        return "/webjars/htmx-ext-sse/" + htmxSse + "/sse.js";
    }

    public String chartJs() {
        return "/webjars/chart.js/" + chartJs + "/dist/chart.umd.min.js";
    }
}
