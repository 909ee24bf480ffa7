package org.pathways.directory.rest;

import java.util.List;
import java.util.Map;
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
import org.pathways.directory.api.AdminRequests;
import org.pathways.directory.api.PartnershipView;
import org.pathways.directory.api.PartnershipView.AgreementView;
import org.pathways.directory.api.WriteRequests;
import org.pathways.directory.api.WriteRequests.MemberRequest;
import org.pathways.directory.domain.DataSharingAgreement;
import org.pathways.directory.domain.Partnership;
import org.pathways.directory.domain.PartnershipMember;
import org.pathways.directory.service.AdminWrites;
import org.pathways.directory.service.DirectoryReads;
import org.pathways.directory.service.DirectoryWrites;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;

/** Partnerships: created and kept by partnership admins (members, data sharing agreements); read by their members. */
@Path("/api/partnerships")
@Transactional // one unit of work per request: a write, its outbox event and the view returned
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnershipsResource {

    @Inject
    Caller caller;
    @Inject
    DirectoryReads reads;
    @Inject
    DirectoryWrites writes;
    @Inject
    AdminWrites admin;

    /** A new partnership led by the caller's organisation (its first member, role LEAD). */
    @POST
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    @APIResponse(responseCode = "201", description = "Created; Location names the partnership", headers = @Header(name = "Location"), 
            content = @Content(schema = @Schema(implementation = PartnershipView.class)))
    @APIResponse(responseCode = "409", description = "partnership-name: a partnership with this name exists")
    public Response createPartnership(@NotNull @Valid AdminRequests.PartnershipRequest body) {
        Partnership p = admin.createPartnership(caller.requireOrganisation(), body);
        Partnership.getEntityManager().flush();
        return Response.status(201).entity(reads.partnershipView(p)).header("Location", "/api/partnerships/" + p.id).build();
    }

    @GET
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN,
            Roles.PRIVACY_OFFICER, Roles.EVALUATOR})
    @Transactional
    public List<PartnershipView> partnerships() {
        UUID org = caller.requireOrganisation();
        return reads.partnershipsOf(org);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN,
            Roles.PRIVACY_OFFICER, Roles.EVALUATOR})
    @Transactional
    public PartnershipView partnership(@PathParam("id") String id) {
        UUID org = caller.requireOrganisation();
        UUID pid = Params.pathId(id, "Partnership");
        return reads.partnershipOf(org, pid).orElseThrow(() -> ProblemException.notFound("Partnership"));
    }

    /** A partnership created by mistake, while nothing refers to it (only its lead as member, no agreement). */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    @APIResponse(responseCode = "204", description = "Removed: nothing referred to it")
    @APIResponse(responseCode = "409", description = "partnership-in-use: it has members besides its lead or a data sharing agreement (errors[] names them)")
    public Response deletePartnership(@PathParam("id") String id) {
        writes.deletePartnership(caller.requireOrganisation(), Params.pathId(id, "Partnership"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/members")
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(schema = @Schema(implementation = ApiSchemas.MemberAdded.class)))
    @APIResponse(responseCode = "409", description = "already-member")
    @APIResponse(responseCode = "422", description = "unknown-organisation, or statutory-partner: a statutory partner is never a member (ADR 0091)")
    public Response addMember(@PathParam("id") String id, @NotNull @Valid MemberRequest body) {
        PartnershipMember m = writes.addMember(caller.requireOrganisation(), Params.pathId(id, "Partnership"), body);
        return Response.status(201).entity(Map.of("partnershipId", m.partnershipId, "organisationId", m.organisationId,
                "role", m.role.name())).build();
    }

    @DELETE
    @Path("/{id}/members/{organisationId}")
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "409", description = "lead-member: the lead organisation cannot leave")
    public Response removeMember(@PathParam("id") String id, @PathParam("organisationId") String organisationId) {
        writes.removeMember(caller.requireOrganisation(), Params.pathId(id, "Partnership"), Params.pathId(organisationId, "Member"));
        return Response.noContent().build();
    }

    /**
     * The partnership's reporting calendar (ADR 0076): the funder's periods its reports follow, e.g. quarterly from
     * 1 January. Reports already made keep the calendar they were made under (their ids name it).
     */
    @PUT
    @Path("/{id}/reporting-calendar")
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    @APIResponse(responseCode = "200", description = "Set (or already so: nothing published)",
            content = @Content(schema = @Schema(implementation = PartnershipView.class)))
    @APIResponse(responseCode = "403", description = "Only the lead organisation's partnership admins")
    @APIResponse(responseCode = "404", description = "No such partnership of the caller's organisation")
    public PartnershipView setReportingCalendar(@PathParam("id") String id,
            @NotNull @Valid WriteRequests.ReportingCalendarRequest body) {
        Partnership p = writes.setReportingCalendar(caller.requireOrganisation(), Params.pathId(id, "Partnership"), body);
        return reads.partnershipView(p);
    }

    /** Back to the system's default periods. */
    @DELETE
    @Path("/{id}/reporting-calendar")
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    @APIResponse(responseCode = "204", description = "The partnership follows the default periods")
    @APIResponse(responseCode = "403", description = "Only the lead organisation's partnership admins")
    public Response clearReportingCalendar(@PathParam("id") String id) {
        writes.setReportingCalendar(caller.requireOrganisation(), Params.pathId(id, "Partnership"), null);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/agreements")
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "409", description = "agreement-version: this version is already recorded")
    @APIResponse(responseCode = "422", description = "agreement-dates or agreement-parties (every party must be a member)")
    public Response addAgreement(@PathParam("id") String id, @NotNull @Valid WriteRequests.AgreementRequest body) {
        DataSharingAgreement a = writes.addAgreement(caller.requireOrganisation(), Params.pathId(id, "Partnership"), body);
        return Response.status(201).entity(AgreementView.of(a)).build();
    }
}
