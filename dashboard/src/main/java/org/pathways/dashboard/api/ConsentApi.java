package org.pathways.dashboard.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;

/** consent-service with the user's own token: her consent records, new versions, her discreet receipt. */
@RegisterRestClient(configKey = "consent")
@AccessToken
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface ConsentApi {

    @GET
    @Path("/subjects/{id}/consents")
    Response consents(@PathParam("id") String subjectId);

    @POST
    @Path("/subjects/{id}/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    Response record(@PathParam("id") String subjectId, String body);

    @POST
    @Path("/consents/{id}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    Response newVersion(@PathParam("id") String consentId, String body);

    @POST
    @Path("/consents/{id}/withdrawals")
    @Consumes(MediaType.APPLICATION_JSON)
    Response withdraw(@PathParam("id") String consentId, String body);

    @POST
    @Path("/subjects/{id}/overrides")
    @Consumes(MediaType.APPLICATION_JSON)
    Response requestOverride(@PathParam("id") String subjectId, String body);

    @GET
    @Path("/subjects/{id}/overrides")
    Response overrides(@PathParam("id") String subjectId);

    @GET
    @Path("/consents/{id}/receipt")
    Response receipt(@PathParam("id") String consentId, @QueryParam("discreet") boolean discreet);

    @GET
    @Path("/overrides/{id}")
    Response override(@PathParam("id") String overrideId);

    /** Approval by a different person (privacy officer or referral coordinator of an organisation working with her). */
    @POST
    @Path("/overrides/{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    Response approveOverride(@PathParam("id") String overrideId, String body);

    /** Refusal by the same people, with a reason code (ADR 0090). */
    @POST
    @Path("/overrides/{id}/refusal")
    @Consumes(MediaType.APPLICATION_JSON)
    Response refuseOverride(@PathParam("id") String overrideId, String body);

    /** Who read her consents, receipts and overrides: privacy officers of her registering organisation only. */
    @GET
    @Path("/subjects/{id}/access-log")
    Response accessLog(@PathParam("id") String subjectId, @QueryParam("before") Long before, @QueryParam("limit") int limit);
}
