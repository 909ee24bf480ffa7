package org.pathways.referral.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.domain.ErasureReason;
import org.pathways.referral.rest.ErasureResource.ErasureView;
import org.pathways.referral.rest.ErasureResource.RequestErasure;
import org.pathways.referral.service.ErasureService;

/**
 * Asking for her erasure (the first of two calls; a privacy officer decides, see {@link ErasureResource}). A class of
 * its own because JAX-RS matches the longest class path first: under {@code /api} it would be shadowed by
 * {@code /api/subjects}.
 */
@Path("/api/subjects/{id}/erasure-requests")
@Tag(name = "Erasure")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ErasureRequestResource {

    @Inject
    ErasureService service;

    @POST
    @RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR })
    @Operation(summary = "Ask for her data to be erased; a privacy officer of your organisation must approve it (201; 200 with her open request if one exists)")
    @APIResponse(responseCode = "201", description = "Requested (PENDING); Location names the request", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = ErasureResource.ErasureView.class)))
    @APIResponse(responseCode = "200", description = "Her open request, made earlier",
            content = @Content(schema = @Schema(implementation = ErasureResource.ErasureView.class)))
    @APIResponse(responseCode = "409", description = "already-erased")
    public Response request(@PathParam("id") UUID subjectId, @Valid @NotNull RequestErasure body) {
        ErasureService.Requested r = service.request(subjectId, ErasureReason.valueOf(body.reasonCode()));
        if (!r.created()) {
            return Response.ok(ErasureView.of(r.request())).build(); // her open request, made earlier
        }
        return Response.created(URI.create("/api/erasure-requests/" + r.request().id())).entity(ErasureView.of(r.request())).build();
    }
}
