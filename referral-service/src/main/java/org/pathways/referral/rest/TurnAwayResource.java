package org.pathways.referral.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import org.pathways.referral.service.TurnAwayService;

/**
 * Someone a service of the caller's organisation could not take (issue 17, item 4; ADR 0062): the service, the need,
 * the reason and the day, and nothing about her. Counted per service in the partnership reports.
 */
@Path("/api/turn-aways")
@Tag(name = "Reports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class TurnAwayResource {

    /** No subject id and no free text, by design: this must not become a record of her. */
    public record TurnAwayRequest(
            @Schema(description = "a service of your organisation") UUID serviceId,
            @Schema(description = "a need code of the partnership taxonomy", example = "refuge-safe-accommodation") String needCode,
            @Schema(description = "NO_CAPACITY, NOT_ELIGIBLE, OUT_OF_AREA, NEED_NOT_IN_SCOPE, RISK_NOT_MANAGEABLE, "
                    + "REFERRED_ELSEWHERE or OTHER", example = "NO_CAPACITY") String reasonCode,
            @Schema(description = "the UK day she was turned away: today or up to 31 days back", example = "2026-12-07") LocalDate date) {
    }

    @Inject
    TurnAwayService service;

    @POST
    @Operation(summary = "Record that a service of your organisation turned someone away (no record of her is created)")
    @APIResponse(responseCode = "201", description = "Recorded; Location names it", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = TurnAwayService.Recorded.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid (errors[].field: serviceId, needCode, reasonCode, date)")
    @APIResponse(responseCode = "403", description = "not-your-service: the service belongs to another organisation (or the role may not record)")
    @APIResponse(responseCode = "422", description = "unknown-service: the directory does not know the service (field serviceId)")
    @APIResponse(responseCode = "503", description = "directory-service did not answer; nothing was recorded")
    public Response record(@NotNull @Valid TurnAwayRequest body) {
        TurnAwayService.Recorded r = service.record(body.serviceId(), body.needCode(), body.reasonCode(), body.date());
        return Response.created(URI.create("/api/turn-aways/" + r.id())).entity(r).build();
    }
}
