package org.pathways.dashboard.web;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.pathways.dashboard.security.Csrf;
import org.pathways.dashboard.security.CsrfForm;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * Signing out: a CSRF-checked form post here, then Quarkus OIDC's logout path, which ends the Keycloak session too
 * (RP-initiated logout) and comes back to {@code /signed-out}.
 */
@Path("/")
public class SessionResource {

    @Inject
    @Location("signedout.html")
    Template signedOut;

    @Inject
    @Location("error.html")
    Template error;

    @Inject
    Csrf csrf;

    @POST
    @Path("sign-out")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @CsrfForm
    public Response signOut(@RestForm("csrf") String token) {
        Response refused = csrf.refusal(token);
        return refused != null ? refused : Response.seeOther(URI.create("/logout")).build();
    }

    /**
     * "Stay signed in" (the session timeout warning, ADR 0059): an authenticated request that answers nothing. An ended
     * session answers 499 to the script (OIDC, X-Requested-With), which then reloads into the sign-in.
     */
    @GET
    @Path("session/keep-alive")
    @Authenticated
    public Response keepAlive() {
        return Response.noContent().build();
    }

    /**
     * Keycloak does not answer ({@code SignInGate} sends a sign-in here instead of to Keycloak): our own page, 503, no
     * detail of the fault and nothing about anyone. The address the person asked for stays in the browser, so
     * reloading later signs in as usual.
     */
    @GET
    @Path("sign-in-unavailable")
    @Produces(MediaType.TEXT_HTML)
    public Response signInUnavailable() {
        return Response.status(503).header("Retry-After", "60").type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(error.data("heading", "Sign in is unavailable").data("message", "Sign in is unavailable — try again in a few minutes.")
                        .data("status", 503).render())
                .build();
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signedOut() {
        return signedOut.instance();
    }
}
