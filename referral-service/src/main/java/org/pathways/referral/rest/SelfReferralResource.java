package org.pathways.referral.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.domain.selfreferral.SelfReferralRules;
import org.pathways.referral.selfreferral.AddressLimiter;
import org.pathways.referral.service.SelfReferralService;

import io.vertx.core.http.HttpServerRequest;

/**
 * A woman asks the partnership for help herself (issue 15 screen 8, ADR 0089): the only write without a login. Rate
 * limited per client address (in memory) and for the whole service (one database row); never cached; answers with her
 * reference only. Bad input is refused before anything is counted or stored.
 */
@Path("/api/self-referrals")
@Tag(name = "Self-referral")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class SelfReferralResource {

    /** What she sends. Every field is checked by {@link SelfReferralRules#check} (400 with field detail). */
    public record SelfReferralRequest(String serviceId, String partnershipId, List<String> needs, String inHerWords, String alias,
            List<String> contactMethods, String phone, String email, String safeTimes, Boolean messageMayBeLeft) {
    }

    /** Her reference, to quote if she gets in touch; nothing else about her request is returned. */
    public record Accepted(String reference) {
    }

    @Inject
    SelfReferralService service;

    @Inject
    AddressLimiter limiter;

    @POST
    @Operation(summary = "A woman asks for help herself: her request reaches the partnership Connector's queue (no login)")
    @APIResponse(responseCode = "202", description = "Accepted: her reference only")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid (field detail)")
    @APIResponse(responseCode = "404", description = "The service is not in the directory")
    @APIResponse(responseCode = "422", description = "The service is not a Partnership Connector service")
    @APIResponse(responseCode = "429", description = "Too many requests from this address or for the service",
            headers = @Header(name = "Retry-After"))
    public Response send(SelfReferralRequest body, @Context HttpServerRequest request, @Context HttpHeaders headers) {
        SelfReferralRules.Request r = body == null ? null : new SelfReferralRules.Request(body.serviceId(), body.partnershipId(),
                body.needs(), body.inHerWords(), body.alias(), body.contactMethods(), body.phone(), body.email(), body.safeTimes(),
                body.messageMayBeLeft());
        List<Problem.FieldError> errors = SelfReferralRules.check(r);
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some answers need changing; nothing was sent.", errors);
        long wait = limiter.take(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                headers.getHeaderString("X-Forwarded-For"));
        if (wait > 0) return tooMany(wait);
        try {
            return Response.accepted(new Accepted(service.send(r))).build();
        } catch (SelfReferralService.Limited e) {
            return tooMany(e.retryAfterSeconds());
        }
    }

    private static Response tooMany(long seconds) {
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", Long.toString(seconds))
                .entity(Problem.of(429, "too-many-requests", "Too many requests",
                        "Too many requests for help have been sent; nothing was sent. Try again later.")).build();
    }

    /** Never cached, by the browser or anything between (answers and refusals alike). */
    @Provider
    public static class NoStore implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext req, ContainerResponseContext res) {
            if (req.getUriInfo().getPath().replaceFirst("^/", "").startsWith("api/self-referrals")) {
                res.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
            }
        }
    }
}
