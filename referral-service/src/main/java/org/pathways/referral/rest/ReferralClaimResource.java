package org.pathways.referral.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.rest.QueueDtos.AssignmentView;
import org.pathways.referral.rest.QueueDtos.ClaimRequest;
import org.pathways.referral.service.QueueService;

/**
 * Claiming a received referral to a worker. Same class path as {@link ReferralResource} on purpose: Quarkus REST merges
 * resource classes with identical paths, whereas a shorter class path ({@code /api}) would lose every
 * {@code /api/referrals/...} request to the longer one (404).
 */
@Path("/api/referrals")
@Tag(name = "Work queues")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class ReferralClaimResource {

    @Inject
    QueueService service;

    @POST
    @Path("/{id}/claim")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign a received referral to yourself, or (referral-coordinator) to a named worker {userId}; "
            + "If-Match: the version you read")
    @APIResponse(responseCode = "200", description = "Assigned; ETag is the referral's (unchanged) version", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = QueueDtos.AssignmentView.class)))
    @APIResponse(responseCode = "409", description = "stale-version, already-claimed (a colleague holds it) or referral-ended")
    @APIResponse(responseCode = "503", description = "Keycloak is unavailable to check the named worker")
    public Response claim(@PathParam("id") UUID id, @Valid ClaimRequest body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        QueueService.Assignment a = service.claim(id, body == null ? null : body.userId(), Versions.ifMatch(ifMatch));
        return Response.ok(new AssignmentView(a.referralId(), a.assignedTo(), a.assignedBy(), a.assignedAt()))
                .tag(Long.toString(a.version())).build();
    }

}
