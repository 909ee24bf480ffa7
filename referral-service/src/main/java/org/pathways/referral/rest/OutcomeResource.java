package org.pathways.referral.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.service.OutcomeService;

/**
 * Needs no partner service takes: a signpost outside the partnership (nothing shared) or "no service found" (unmet
 * need). Her organisation, or one that has taken up a referral for her, may record them; everyone else gets 404.
 */
@Path("/api/subjects/{id}")
@Tag(name = "Referrals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class OutcomeResource {

    /**
     * A signpost: the need, and the external organisation's name as the worker knows it (an organisation, never a
     * person; bounded; kept out of events and the audit).
     */
    public record SignpostRequest(
            @NotBlank @Pattern(regexp = ReferralDtos.NEED, message = "must be a need code") String needCode,
            @NotBlank @Size(max = 200) String externalOrganisation,
            UUID replacesReferralId) {
    }

    public record NoServiceFoundRequest(
            @NotBlank @Pattern(regexp = ReferralDtos.NEED, message = "must be a need code") String needCode,
            UUID replacesReferralId) {
    }

    @Inject
    OutcomeService service;

    @POST
    @Path("/signposts")
    @Operation(summary = "Record a signpost to an organisation outside the partnership (nothing is shared)")
    @APIResponse(responseCode = "201", description = "Recorded; Location names it", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = OutcomeService.Recorded.class)))
    public Response signpost(@PathParam("id") UUID subjectId, @NotNull @Valid SignpostRequest body) {
        need(body.needCode());
        OutcomeService.Recorded r = service.signpost(subjectId, body.needCode(), body.externalOrganisation().strip(),
                body.replacesReferralId());
        return Response.created(URI.create("/api/subjects/" + subjectId + "/signposts/" + r.id())).entity(r).build();
    }

    @POST
    @Path("/no-service-found")
    @Operation(summary = "Record a need no partner service could meet (unmet-need evidence)")
    @APIResponse(responseCode = "201", description = "Recorded; Location names it", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = OutcomeService.Recorded.class)))
    public Response noServiceFound(@PathParam("id") UUID subjectId, @NotNull @Valid NoServiceFoundRequest body) {
        need(body.needCode());
        OutcomeService.Recorded r = service.noServiceFound(subjectId, body.needCode(), body.replacesReferralId());
        return Response.created(URI.create("/api/subjects/" + subjectId + "/no-service-found/" + r.id())).entity(r).build();
    }

    private static void need(String code) {
        if (!ReferralResource.isNeed(code)) throw ProblemException.invalidField("needCode", "must be a need code of the partnership taxonomy");
    }
}
