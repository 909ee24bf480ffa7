package org.pathways.referral.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.domain.ErasureRequest;
import org.pathways.referral.service.ErasureService;

/**
 * Erasure in two calls: her organisation's case worker or referral coordinator requests it; a privacy officer of the
 * same organisation (never the requester) approves or rejects it. Other organisations get 404.
 */
@Path("/api/erasure-requests")
@Tag(name = "Erasure")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ErasureResource {

    /** Request body: why she is erased. */
    public record RequestErasure(@NotNull @Pattern(regexp = "SUBJECT_REQUEST|NO_LONGER_NEEDED|ENTERED_IN_ERROR",
            message = "must be SUBJECT_REQUEST, NO_LONGER_NEEDED or ENTERED_IN_ERROR") String reasonCode) {
    }

    /** An erasure request: ids, codes and dates only. */
    public record ErasureView(UUID id, UUID subjectId, String reasonCode, String state, String requestedBy,
            Instant requestedAt, String decidedBy, Instant decidedAt) {
        public static ErasureView of(ErasureRequest r) {
            return new ErasureView(r.id(), r.subjectId(), r.reason().name(), r.state(), r.requestedBy(), r.requestedAt(),
                    r.decidedBy(), r.decidedAt());
        }
    }

    @Inject
    ErasureService service;

    @GET
    @RolesAllowed({ Roles.PRIVACY_OFFICER, Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR })
    @Operation(summary = "Your organisation's erasure requests, newest first (state: PENDING, COMPLETED, REJECTED)")
    public List<ErasureView> list(@QueryParam("state") String state) {
        if (state != null && !List.of(ErasureRequest.PENDING, ErasureRequest.COMPLETED, ErasureRequest.REJECTED).contains(state)) {
            throw ProblemException.invalidField("state", "must be PENDING, COMPLETED or REJECTED");
        }
        return service.list(state).stream().map(ErasureView::of).toList();
    }

    @GET
    @Path("/{requestId}")
    @RolesAllowed({ Roles.PRIVACY_OFFICER, Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR })
    @Operation(summary = "One erasure request of your organisation")
    public ErasureView get(@PathParam("requestId") UUID id) {
        return ErasureView.of(service.get(id));
    }

    @POST
    @Path("/{requestId}/approval")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Approve: her key is destroyed now and subject.erased is published (privacy officer, not the requester)")
    @APIResponse(responseCode = "409", description = "already-decided")
    @APIResponse(responseCode = "200", description = "Erased (COMPLETED)", content = @Content(schema = @Schema(implementation = ErasureView.class)))
    public ErasureView approve(@PathParam("requestId") UUID id) {
        return ErasureView.of(service.approve(id));
    }

    @POST
    @Path("/{requestId}/rejection")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Reject an erasure request (privacy officer, not the requester)")
    @APIResponse(responseCode = "409", description = "already-decided")
    @APIResponse(responseCode = "200", description = "Rejected", content = @Content(schema = @Schema(implementation = ErasureView.class)))
    public ErasureView reject(@PathParam("requestId") UUID id) {
        return ErasureView.of(service.reject(id));
    }
}
