package org.pathways.referral.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.rest.WaitingListResource.InformalSupportRequest;
import org.pathways.referral.rest.WaitingListResource.InformalSupportView;
import org.pathways.referral.service.WaitingListService;

/** "Held informally" (issue 16 item 7, ADR 0054): the receiving organisation supports her while she waits on its list. */
@Path("/api/referrals")
@Tag(name = "Waiting lists")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class InformalSupportResource {

    @Inject
    WaitingListService service;

    @PUT
    @Path("/{id}/informal-support")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record that your organisation supports her informally while her referral waits on your list (held: "
            + "true), or that it stopped (false)")
    @APIResponse(responseCode = "200", description = "Recorded (the same answer again changes nothing)",
            content = @Content(schema = @Schema(implementation = InformalSupportView.class)))
    @APIResponse(responseCode = "400", description = "held missing, or an unknown field")
    @APIResponse(responseCode = "403", description = "You sent the referral: only the receiving organisation records this")
    @APIResponse(responseCode = "404", description = "Not a referral your organisation sent or received")
    @APIResponse(responseCode = "409", description = "not-on-waiting-list: the referral is not ON_HOLD")
    public InformalSupportView informalSupport(@PathParam("id") UUID id, @NotNull @Valid InformalSupportRequest body) {
        WaitingListService.InformalSupport s = service.setHeldInformally(id, body.held());
        return new InformalSupportView(s.referralId(), s.held(), s.since(), s.version());
    }
}
