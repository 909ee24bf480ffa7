package org.pathways.directory.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.pathways.contracts.vocab.Roles;
import org.pathways.directory.domain.Location;
import org.pathways.directory.api.AdminRequests.LocationRequest;
import org.pathways.directory.service.AdminWrites;
import org.pathways.platform.security.Caller;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Organisation admins manage their organisation's locations. They see their own addresses in full (they entered
 * them); everyone else — the open feed, staff searching, exports for the public — sees a confidential location's area
 * only ({@link Hsds}, {@code DirectoryReads.place}).
 */
@Path("/api/locations")
@RolesAllowed(Roles.ORG_ADMIN)
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LocationsResource {

    @Inject
    Caller caller;

    @Inject
    AdminWrites writes;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LocationView(UUID id, UUID organisationId, String name, boolean confidential, String address1, String city,
            String postcode, String area, Double latitude, Double longitude, String phone, long servicesHere, long version) {
        static LocationView of(Location l) {
            return new LocationView(l.id, l.organisationId, l.name, l.confidential, l.address1, l.city, l.postcode, l.area,
                    l.latitude, l.longitude, l.phone, org.pathways.directory.domain.ServiceAtLocation.count("locationId", l.id),
                    l.version);
        }
    }

    @GET
    public List<LocationView> list() {
        return Location.<Location>list("organisationId = ?1 order by name, id", caller.requireOrganisation()).stream()
                .map(LocationView::of).toList();
    }

    @GET
    @Path("/{id}")
    public LocationView get(@PathParam("id") String id) {
        return LocationView.of(writes.ownLocation(caller.requireOrganisation(), Params.pathId(id, "Location")));
    }

    @POST
    @APIResponse(responseCode = "201", description = "Created; Location names it", headers = @Header(name = "Location"), 
            content = @Content(schema = @Schema(implementation = LocationView.class)))
    public Response create(@NotNull @Valid LocationRequest body) {
        Location l = writes.createLocation(caller.requireOrganisation(), body, actor());
        return Response.status(201).entity(LocationView.of(l)).header("Location", "/api/locations/" + l.id).build();
    }

    @PUT
    @Path("/{id}")
    public LocationView replace(@PathParam("id") String id, @NotNull @Valid LocationRequest body) {
        Location l = writes.replaceLocation(caller.requireOrganisation(), Params.pathId(id, "Location"), body, actor());
        Location.getEntityManager().flush(); // the returned version is the new one
        return LocationView.of(l);
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "location-in-use: services are still delivered there")
    public Response delete(@PathParam("id") String id) {
        writes.deleteLocation(caller.requireOrganisation(), Params.pathId(id, "Location"), actor());
        return Response.noContent().build();
    }

    /** The acting user for events: token subjects are Keycloak UUIDs; anything else is left out. */
    private UUID actor() {
        try {
            return caller.userId() == null ? null : UUID.fromString(caller.userId());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
