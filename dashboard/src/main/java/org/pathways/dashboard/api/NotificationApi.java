package org.pathways.dashboard.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;

/** notification-service with the user's own token: her inbox (and her organisation's mailbox where her role reads it). */
@RegisterRestClient(configKey = "notification")
@AccessToken
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface NotificationApi {

    @GET
    @Path("/inbox")
    Response inbox(@QueryParam("page") int page, @QueryParam("size") int size);

    @jakarta.ws.rs.POST
    @Path("/inbox/{id}/read")
    Response markRead(@jakarta.ws.rs.PathParam("id") String id);
}
