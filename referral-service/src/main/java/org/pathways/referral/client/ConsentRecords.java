package org.pathways.referral.client;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * consent-service's consent records of one subject, read with the CALLER's own token (a privacy officer's), so
 * consent-service applies its own rules about who may read them; this service adds no privilege of its own.
 */
@RegisterRestClient(configKey = "consent")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface ConsentRecords {

    @GET
    @Path("/subjects/{id}/consents")
    JsonNode consents(@PathParam("id") UUID subjectId, @HeaderParam("Authorization") String authorization);
}
