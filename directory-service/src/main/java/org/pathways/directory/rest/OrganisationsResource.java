package org.pathways.directory.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import org.pathways.directory.api.AdminRequests;
import org.pathways.directory.api.ContactView;
import org.pathways.directory.api.Routing;
import org.pathways.directory.api.WriteRequests.ContactRequest;
import org.pathways.directory.api.WriteRequests.SpocRequest;
import org.pathways.directory.domain.Contact;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.service.AdminWrites;
import org.pathways.directory.service.DirectoryWrites;
import org.pathways.platform.security.Caller;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The caller's own organisation: its details, its single point of contact and its organisation-level contacts. */
@Path("/api/organisations")
@Transactional // one unit of work per request: a write, its outbox event and the view returned
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganisationsResource {

    @Inject
    Caller caller;
    @Inject
    DirectoryWrites writes;
    @Inject
    AdminWrites admin;

    public record OrganisationSpocView(UUID organisationId, Routing.SpocView spoc, long version) {
    }

    @PUT
    @Path("/{id}/spoc")
    @RolesAllowed(Roles.ORG_ADMIN)
    public OrganisationSpocView organisationSpoc(@PathParam("id") String id, @NotNull @Valid SpocRequest body) {
        Organisation o = writes.setOrganisationSpoc(caller.requireOrganisation(), Params.pathId(id, "Organisation"), body, actor());
        return new OrganisationSpocView(o.id, Routing.SpocView.of("ORGANISATION", o.spoc),
                o.version);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganisationView(UUID id, String name, String description, String email, String website, String phone,
            String nation, boolean capacityPublic, Routing.SpocView spoc, String kind, String statutoryRole, long version) {
        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id, o.name, o.description, o.email, o.website, o.phone, o.nation.name(),
                    o.capacityPublic, o.spoc == null ? null : Routing.SpocView.of("ORGANISATION", o.spoc), o.kind.name(),
                    o.statutoryRole == null ? null : o.statutoryRole.name(), o.version);
        }
    }

    /** The caller's own organisation (another organisation's id: 404). */
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN})
    @Transactional
    public OrganisationView organisation(@PathParam("id") String id) {
        return OrganisationView.of(admin.ownOrganisation(caller.requireOrganisation(), Params.pathId(id, "Organisation")));
    }

    /** Replaces the organisation's details, including the opt-in to publish capacity in the open feed. */
    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ORG_ADMIN)
    public OrganisationView updateOrganisation(@PathParam("id") String id, @NotNull @Valid AdminRequests.OrganisationRequest body) {
        Organisation o = admin.updateOrganisation(caller.requireOrganisation(), Params.pathId(id, "Organisation"), body);
        Organisation.getEntityManager().flush(); // the returned version is the new one
        return OrganisationView.of(o);
    }

    /** An organisation-level contact (not tied to one service); public ones appear on the feed's organisation. */
    @POST
    @Path("/{id}/contacts")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "201", description = "Created; Location names the contact", headers = @Header(name = "Location"), 
            content = @Content(schema = @Schema(implementation = ContactView.class)))
    public Response addOrganisationContact(@PathParam("id") String id, @NotNull @Valid ContactRequest body) {
        Organisation o = admin.ownOrganisation(caller.requireOrganisation(), Params.pathId(id, "Organisation"));
        Contact c = writes.addContact(o.id, null, body);
        return Response.status(201).entity(ContactView.of(c)).header("Location", "/api/contacts/" + c.id).build();
    }


    private UUID actor() {
        return Actors.of(caller);
    }
}
