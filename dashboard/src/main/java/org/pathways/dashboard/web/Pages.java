package org.pathways.dashboard.web;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/** The answers every screen gives the same way: a page with a status, "Page not found", a plain error page, a redirect. */
@ApplicationScoped
public class Pages {

    @Inject
    @Location("notfound.html")
    Template notFound;

    @Inject
    @Location("error.html")
    Template error;

    /** "Page not found" (404): what a service's 404 reaches the user as, and any reference that does not open. */
    Response notFound() {
        return html(404, notFound.instance());
    }

    /** The plain error page: a heading and one sentence (403 for a role without the screen, a refused report …). */
    Response error(int status, String heading, String message) {
        return html(status, error.data("heading", heading).data("message", message).data("status", status));
    }

    static Response html(int status, TemplateInstance t) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(t.render()).build();
    }

    /** Post/redirect/get. */
    static Response see(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    /** A service answered what the page cannot show: "Sorry, there is a problem" (503, {@link ErrorPages}). */
    static Response failed(Response r, String what) {
        throw new ServiceUnavailable("answer " + r.getStatus() + " while " + what);
    }
}
