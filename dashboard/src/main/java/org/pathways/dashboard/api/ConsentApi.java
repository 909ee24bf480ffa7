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

    @GET
    @Path("/consents/{id}/receipt")
    Response receipt(@PathParam("id") String consentId, @QueryParam("discreet") boolean discreet);
}
