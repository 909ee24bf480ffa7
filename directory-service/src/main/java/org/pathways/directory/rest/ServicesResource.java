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
import org.pathways.directory.api.ContactView;
import org.pathways.directory.api.ServiceView;
import org.pathways.directory.api.WriteRequests.CapacityRequest;
import org.pathways.directory.api.WriteRequests.ContactRequest;
import org.pathways.directory.api.WriteRequests.ResponseTargetRequest;
import org.pathways.directory.api.WriteRequests.ServiceRequest;
import org.pathways.directory.api.WriteRequests.SpocRequest;
import org.pathways.directory.domain.Contact;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.service.DirectoryReads;
import org.pathways.directory.service.DirectoryWrites;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;

/** A service's record and its contacts: read by staff, written by its organisation's admins. */
@Path("/api")
@Transactional // one unit of work per request: a write, its outbox event and the view returned
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServicesResource {

    @Inject
    Caller caller;
    @Inject
    DirectoryReads reads;
    @Inject
    DirectoryWrites writes;

    @GET
    @Path("/services/{id}")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN})
    @Transactional
    public ServiceView service(@PathParam("id") String id) {
        UUID org = caller.requireOrganisation();
        List<ServiceView> found = reads.views(List.of(Params.pathId(id, "Service")), null, reads.agreementPartners(org));
        if (found.isEmpty()) throw ProblemException.notFound("Service");
        return found.get(0);
    }

    @POST
    @Path("/services")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "201", description = "Created; Location names the service", headers = @Header(name = "Location"), 
            content = @Content(schema = @Schema(implementation = ServiceView.class)))
    @APIResponse(responseCode = "422", description = "ages-inconsistent, capacity-inconsistent or target-inconsistent")
    public Response create(@NotNull @Valid ServiceRequest body) {
        DirectoryService s = writes.createService(caller.requireOrganisation(), body, actor());
        return Response.status(201).entity(view(s)).header("Location", "/api/services/" + s.id).build();
    }

    @PUT
    @Path("/services/{id}")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "422", description = "ages-inconsistent, capacity-inconsistent or target-inconsistent")
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(schema = @Schema(implementation = ServiceView.class)))
    public ServiceView replace(@PathParam("id") String id, @NotNull @Valid ServiceRequest body) {
        return view(writes.replaceService(caller.requireOrganisation(), Params.pathId(id, "Service"), body, actor()));
    }

    @PUT
    @Path("/services/{id}/capacity")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "422", description = "capacity-inconsistent: available exceeds the maximum")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = ServiceView.class)))
    public ServiceView capacity(@PathParam("id") String id, @NotNull @Valid CapacityRequest body) {
        return view(writes.setCapacity(caller.requireOrganisation(), Params.pathId(id, "Service"), body, actor()));
    }

    @PUT
    @Path("/services/{id}/spoc")
    @RolesAllowed(Roles.ORG_ADMIN)
    public ServiceView spoc(@PathParam("id") String id, @NotNull @Valid SpocRequest body) {
        return view(writes.setServiceSpoc(caller.requireOrganisation(), Params.pathId(id, "Service"), body, actor()));
    }

    @PUT
    @Path("/services/{id}/response-target")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "422", description = "target-inconsistent")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = ServiceView.class)))
    public ServiceView responseTarget(@PathParam("id") String id, @NotNull @Valid ResponseTargetRequest body) {
        return view(writes.setResponseTarget(caller.requireOrganisation(), Params.pathId(id, "Service"), body, actor()));
    }

    @POST
    @Path("/services/{id}/contacts")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ContactView.class)))
    public Response addContact(@PathParam("id") String id, @NotNull @Valid ContactRequest body) {
        Contact c = writes.addContact(caller.requireOrganisation(), Params.pathId(id, "Service"), body);
        return Response.status(201).entity(ContactView.of(c)).build();
    }

    @GET
    @Path("/contacts")
    @RolesAllowed(Roles.ORG_ADMIN)
    @Transactional
    public List<ContactView> contacts() {
        return reads.contacts(caller.requireOrganisation());
    }

    @DELETE
    @Path("/contacts/{id}")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteContact(@PathParam("id") String id) {
        writes.deleteContact(caller.requireOrganisation(), Params.pathId(id, "Contact"));
        return Response.noContent().build();
    }

    private ServiceView view(DirectoryService s) {
        return reads.views(List.of(s.id), null, null).get(0);
    }

    /** The acting user for events: token subjects are Keycloak UUIDs; anything else is left out. */
    private UUID actor() {
        return Actors.of(caller);
    }
}
