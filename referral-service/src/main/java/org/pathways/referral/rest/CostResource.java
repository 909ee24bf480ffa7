package org.pathways.referral.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.repository.CostRepository.CostLine;
import org.pathways.referral.service.CostService;

/**
 * Cost lines per service provided (issue 17, item 3; ADR 0065). Same class path as {@link ReferralResource} on purpose
 * (Quarkus REST merges resource classes with identical paths; see {@link ReferralClaimResource}).
 */
@Path("/api/referrals")
@Tag(name = "Reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class CostResource {

    /** No free text: a category code, whole pence and the day. */
    public record CostRequest(
            @Schema(description = "COUNSELLING, SUPPORT_GROUPS, GROUP_WORK, ADVOCACY_CASEWORK, LEGAL_SIGNPOSTING, ACCOMMODATION, "
                    + "SUBSISTENCE or OTHER", example = "SUBSISTENCE") String category,
            @Schema(description = "whole pence, 0 to 10,000,000", example = "5000") Long amountPence,
            @Schema(description = "the day it was provided (not before the referral, not in the future)", example = "2026-12-07") LocalDate providedOn) {
    }

    @Inject
    CostService service;

    @POST
    @Path("/{id}/costs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a cost line of the service provided on a referral your organisation took up")
    @APIResponse(responseCode = "201", description = "Recorded; Location names the referral's cost lines", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = CostLine.class)))
    @APIResponse(responseCode = "409", description = "not-taken-up: the referral was never accepted")
    public Response record(@PathParam("id") UUID id, @NotNull @Valid CostRequest body) {
        CostLine line = service.record(id, body.category(), body.amountPence(), body.providedOn());
        return Response.created(URI.create("/api/referrals/" + id + "/costs")).entity(line).build();
    }

    @GET
    @Path("/{id}/costs")
    @Operation(summary = "The cost lines your organisation recorded for the service it provided on this referral")
    @APIResponse(responseCode = "200", description = "Cost lines, by day",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CostLine.class)))
    public List<CostLine> list(@PathParam("id") UUID id) {
        return service.list(id);
    }
}
