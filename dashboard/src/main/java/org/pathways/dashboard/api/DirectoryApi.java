package org.pathways.dashboard.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;

/** directory-service with the user's own token: names of organisations and services for the pages. */
@RegisterRestClient(configKey = "directory")
@AccessToken
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface DirectoryApi {

    @GET
    @Path("/partnerships")
    Response partnerships();

    @GET
    @Path("/search")
    Response search(@QueryParam("need") java.util.List<String> need, @QueryParam("language") String language,
            @QueryParam("interpreter") Boolean interpreter, @QueryParam("area") String area, @QueryParam("nrpf") Boolean nrpf,
            @QueryParam("capacity") String capacity,
            @QueryParam("per_page") int perPage);

    /** One page (from 1) of a search by need alone: the statutory partners and organisation names over every need. */
    @GET
    @Path("/search")
    Response searchPage(@QueryParam("need") String needs, @QueryParam("page") int page, @QueryParam("per_page") int perPage);

    @GET
    @Path("/services/{id}")
    Response service(@PathParam("id") String id);

    /** Directory admin (org-admin of the service's organisation): capacity, SPOC and mailbox, response target. */
    @jakarta.ws.rs.PUT
    @Path("/services/{id}/capacity")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    Response putCapacity(@PathParam("id") String id, String body);

    @jakarta.ws.rs.PUT
    @Path("/services/{id}/spoc")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    Response putSpoc(@PathParam("id") String id, String body);

    @jakarta.ws.rs.PUT
    @Path("/services/{id}/response-target")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    Response putResponseTarget(@PathParam("id") String id, String body);
}
