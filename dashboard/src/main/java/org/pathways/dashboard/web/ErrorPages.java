package org.pathways.dashboard.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** A service that is down or answers oddly becomes a plain "try again" page (the log names the cause, never her data). */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @Inject
    @Location("error.html")
    Template error;

    @ServerExceptionMapper({ ProcessingException.class, ServiceUnavailable.class })
    public Response unavailable(RuntimeException e) {
        LOG.warnf("a service could not be reached: %s", e.getClass().getSimpleName() + ": " + e.getMessage());
        return Response.status(503).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(error.data("heading", "Sorry, there is a problem").data("message",
                        "A Pathways service is not answering just now. Try again in a few minutes.").data("status", 503).render())
                .build();
    }
}
