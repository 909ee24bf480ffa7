package org.pathways.referral.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.rest.PathwayResource.ChildReferral;
import org.pathways.referral.rest.ReferralDtos.ReferralView;
import org.pathways.referral.service.PathwayService;

/** The Partnership Connector's child referrals. Same class path as {@link ReferralResource} (see ReferralClaimResource). */
@Path("/api/referrals")
@Tag(name = "Pathways")
@Produces(MediaType.APPLICATION_JSON)
public class ChildReferralResource {

    @Inject
    PathwayService service;

    @POST
    @Path("/{id}/children")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CONNECTOR)
    @Operation(summary = "The Partnership Connector splits a taken-up referral to her service into a child referral on the "
            + "same pathway (sent with the usual directory, agreement and consent checks); the parent closes only after "
            + "every child has ended")
    @APIResponse(responseCode = "201", description = "The child referral (state SENT): Location names it, ETag is \"1\"",
            headers = { @Header(name = "Location"), @Header(name = "ETag") }, content = @Content(schema = @Schema(implementation = ReferralView.class)))
    @APIResponse(responseCode = "409", description = "not-a-connector-referral or parent-not-taken-up")
    @APIResponse(responseCode = "422", description = "As for sending a referral: unknown-service, service-not-accepting, "
            + "no-data-sharing-agreement, consent-not-covering, override-required")
    @APIResponse(responseCode = "503", description = "A service this depends on (directory, consent-service or Keycloak) is unavailable; nothing changed")
    public Response child(@PathParam("id") UUID parentId, @NotNull @Valid ChildReferral body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.needs().size(); i++) {
            if (!ReferralResource.isNeed(body.needs().get(i))) errors.add(new Problem.FieldError("needs[" + i + "]", "must be a need code of the partnership taxonomy"));
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some fields are invalid.", errors);
        Referral r = service.createChild(parentId, new PathwayService.ChildCommand(body.toServiceId(), body.needs(), body.urgency(),
                EnumSet.copyOf(body.sections()), body.personKnows(), body.note(), body.safeContactInstructions()));
        return Response.created(URI.create("/api/referrals/" + r.id())).tag(Long.toString(r.version()))
                .entity(ReferralView.brief(r)).build();
    }
}
