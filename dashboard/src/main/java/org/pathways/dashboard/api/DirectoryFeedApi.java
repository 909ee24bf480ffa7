package org.pathways.dashboard.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** directory-service's open feed (HSDS, public: no token): an organisation's active services, for the turn-away form. */
@RegisterRestClient(configKey = "directory")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface DirectoryFeedApi {

    @GET
    @Path("services")
    Response services(@QueryParam("organization_id") String organisationId, @QueryParam("per_page") int perPage);
}
