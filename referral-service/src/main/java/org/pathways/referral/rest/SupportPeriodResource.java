package org.pathways.referral.rest;

import java.net.URI;
import java.time.LocalDate;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.service.SupportPeriodService;
import org.pathways.referral.service.SupportPeriodService.View;

/**
 * Support periods (issue 17, item 1; ADR 0073). Same class path as {@link ReferralResource} on purpose (Quarkus REST merges
 * resource classes with identical paths; see {@link ReferralClaimResource}).
 */
@Path("/api/referrals")
@Tag(name = "Referrals")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR })
public class SupportPeriodResource {

    public record StartRequest(
            @Schema(description = "the day support started (not before the referral was sent, not in the future)", example = "2026-12-07") LocalDate startedOn,
            @Schema(description = "whether she is eligible for the DDVC (her IMMIGRATION section): required where the service's "
                    + "limit depends on it (e.g. SMV: 6 weeks instead of 12)") Boolean ddvcEligible) {
    }

    public record ExtensionRequest(
            @Schema(description = "1 to 26 weeks", example = "4") Integer weeks,
            @Schema(description = "AWAITING_IMMIGRATION_DECISION, AWAITING_DDVC_DECISION, AWAITING_HOUSING, AWAITING_BENEFITS, "
                    + "ONGOING_RISK, LEGAL_PROCEEDINGS, HEALTH or OTHER", example = "AWAITING_DDVC_DECISION") String reasonCode) {
    }

    public record Decision(@Schema(description = "true approves (the planned end moves), false refuses") Boolean approve) {
    }

    public record EndRequest(
            @Schema(description = "the day support ended (from the start to today)", example = "2026-12-07") LocalDate endedOn,
            @Schema(description = "GOALS_MET, MOVED_ON, RECOURSE_TO_PUBLIC_FUNDS, LIMIT_REACHED, TRANSFERRED, DISENGAGED, LEFT_AREA "
                    + "or OTHER", example = "MOVED_ON") String reasonCode) {
    }

    @Inject
    SupportPeriodService service;

    @POST
    @Path("/{id}/support-period")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start support on a referral your organisation took up: the limit comes from the service")
    @APIResponse(responseCode = "201", description = "Started; Location names the support period", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (errors[].field)")
    @APIResponse(responseCode = "403", description = "Not the organisation providing the support")
    @APIResponse(responseCode = "404", description = "No such referral for your organisation")
    @APIResponse(responseCode = "409", description = "not-taken-up (not accepted or no longer live) or support-started")
    @APIResponse(responseCode = "503", description = "The directory is unavailable to give the service's limit")
    public Response start(@PathParam("id") UUID id, @NotNull @Valid StartRequest body) {
        View v = service.start(id, body.startedOn(), body.ddvcEligible());
        return Response.created(URI.create("/api/referrals/" + id + "/support-period")).entity(v).build();
    }

    @GET
    @Path("/{id}/support-period")
    @Operation(summary = "The referral's support period: planned end, days left, extensions and how it ended (both organisations)")
    @APIResponse(responseCode = "200", description = "The support period", content = @Content(schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "404", description = "No such referral for your organisation, or support has not started")
    public View read(@PathParam("id") UUID id) {
        return service.read(id);
    }

    @POST
    @Path("/{id}/support-period/extensions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask the service's coordinator for an extension, with a reason code")
    @APIResponse(responseCode = "201", description = "Asked; the coordinator is told", content = @Content(schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (errors[].field)")
    @APIResponse(responseCode = "403", description = "Not the organisation providing the support")
    @APIResponse(responseCode = "404", description = "No such referral or support period")
    @APIResponse(responseCode = "409", description = "support-ended, no-limit or extension-pending")
    public Response requestExtension(@PathParam("id") UUID id, @NotNull @Valid ExtensionRequest body) {
        View v = service.requestExtension(id, body.weeks(), body.reasonCode());
        return Response.status(201).entity(v).build();
    }

    @POST
    @Path("/{id}/support-period/extensions/{extensionId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or refuse an extension (the service's referral coordinator)")
    @APIResponse(responseCode = "200", description = "Decided", content = @Content(schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "400", description = "approve missing (errors[].field)")
    @APIResponse(responseCode = "403", description = "Not the coordinator of the organisation providing the support")
    @APIResponse(responseCode = "404", description = "No such referral, support period or extension")
    @APIResponse(responseCode = "409", description = "already-decided or support-ended")
    public View decide(@PathParam("id") UUID id, @PathParam("extensionId") UUID extensionId, @NotNull @Valid Decision body) {
        return service.decideExtension(id, extensionId, body.approve());
    }

    @POST
    @Path("/{id}/support-period/end")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "End support with a reason code: the referrer is told, to plan her move-on")
    @APIResponse(responseCode = "200", description = "Ended", content = @Content(schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (errors[].field)")
    @APIResponse(responseCode = "403", description = "Not the organisation providing the support")
    @APIResponse(responseCode = "404", description = "No such referral or support period")
    @APIResponse(responseCode = "409", description = "support-ended")
    public View end(@PathParam("id") UUID id, @NotNull @Valid EndRequest body) {
        return service.end(id, body.endedOn(), body.reasonCode());
    }
}
