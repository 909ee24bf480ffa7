package org.pathways.referral.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.domain.ErasureReason;
import org.pathways.referral.domain.ErasureRequest;
import org.pathways.referral.service.ErasureService;

/**
 * Erasure in two calls: her organisation's case worker or referral coordinator requests it; a privacy officer of the
 * same organisation (never the requester) approves or rejects it. Other organisations get 404.
 */
@Path("/api")
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
        static ErasureView of(ErasureRequest r) {
            return new ErasureView(r.id(), r.subjectId(), r.reason().name(), r.state(), r.requestedBy(), r.requestedAt(),
                    r.decidedBy(), r.decidedAt());
        }
    }

    @Inject
    ErasureService service;

    @POST
    @Path("/subjects/{id}/erasure-requests")
    @RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR })
    @Operation(summary = "Ask for her data to be erased; a privacy officer of your organisation must approve it (201; 200 with her open request if one exists)")
    public Response request(@PathParam("id") UUID subjectId, @Valid @NotNull RequestErasure body) {
        ErasureService.Requested r = service.request(subjectId, ErasureReason.valueOf(body.reasonCode()));
        if (!r.created()) {
            return Response.ok(ErasureView.of(r.request())).build(); // her open request, made earlier
        }
        return Response.created(URI.create("/api/erasure-requests/" + r.request().id())).entity(ErasureView.of(r.request())).build();
    }

    @GET
    @Path("/erasure-requests")
    @RolesAllowed({ Roles.PRIVACY_OFFICER, Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR })
    @Operation(summary = "Your organisation's erasure requests, newest first (state: PENDING, COMPLETED, REJECTED)")
    public List<ErasureView> list(@QueryParam("state") String state) {
        if (state != null && !List.of(ErasureRequest.PENDING, ErasureRequest.COMPLETED, ErasureRequest.REJECTED).contains(state)) {
            throw ProblemException.invalidField("state", "must be PENDING, COMPLETED or REJECTED");
        }
        return service.list(state).stream().map(ErasureView::of).toList();
    }

    @GET
    @Path("/erasure-requests/{requestId}")
    @RolesAllowed({ Roles.PRIVACY_OFFICER, Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR })
    @Operation(summary = "One erasure request of your organisation")
    public ErasureView get(@PathParam("requestId") UUID id) {
        return ErasureView.of(service.get(id));
    }

    @POST
    @Path("/erasure-requests/{requestId}/approval")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Approve: her key is destroyed now and subject.erased is published (privacy officer, not the requester)")
    public ErasureView approve(@PathParam("requestId") UUID id) {
        return ErasureView.of(service.approve(id));
    }

    @POST
    @Path("/erasure-requests/{requestId}/rejection")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Reject an erasure request (privacy officer, not the requester)")
    public ErasureView reject(@PathParam("requestId") UUID id) {
        return ErasureView.of(service.reject(id));
    }
}
