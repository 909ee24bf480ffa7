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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.service.MonitoringService;
import org.pathways.referral.service.MonitoringService.EqualityAnswers;
import org.pathways.referral.service.MonitoringService.EqualityView;
import org.pathways.referral.service.MonitoringService.WellbeingView;

/**
 * Optional measures about her, only with her agreement (issue 17, item 6; ADR 0074): SWEMWBS at the start and later,
 * and equality monitoring. Her organisation or one that took up a referral for her; reported only in aggregate.
 */
@Path("/api/subjects/{id}")
@Tag(name = "Subjects")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class MonitoringResource {

    public record WellbeingRequest(
            @Schema(description = "START (once, at the start of support) or LATER (compared with START)", example = "START") String timepoint,
            @Schema(description = "the day she answered (not in the future)", example = "2026-12-07") LocalDate takenOn,
            @Schema(description = "the seven SWEMWBS item scores in the scale's order, each 1 (none of the time) to 5 (all of the time)",
                    example = "[3, 3, 2, 3, 4, 3, 3]") List<Integer> items,
            @Schema(description = "must be true: she agreed to answer and to its use in aggregate reports") Boolean sheAgreed) {
    }

    public record EqualityRequest(
            @Schema(description = "UNDER_18, AGE_18_24, AGE_25_34, AGE_35_44, AGE_45_54, AGE_55_64, AGE_65_PLUS or PREFER_NOT_TO_SAY; optional") String ageBand,
            @Schema(description = "ASIAN_OR_ASIAN_BRITISH, BLACK_BLACK_BRITISH_CARIBBEAN_OR_AFRICAN, MIXED_OR_MULTIPLE, WHITE, "
                    + "OTHER_ETHNIC_GROUP or PREFER_NOT_TO_SAY; optional") String ethnicGroup,
            @Schema(description = "YES, NO or PREFER_NOT_TO_SAY; optional") String disability,
            @Schema(description = "YES_LIVING_WITH_HER, YES_NOT_LIVING_WITH_HER, NO or PREFER_NOT_TO_SAY; optional") String children,
            @Schema(description = "must be true: she agreed to answer and to its use in aggregate reports") Boolean sheAgreed) {
    }

    @Inject
    MonitoringService service;

    @POST
    @Path("/wellbeing")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record her SWEMWBS answers (with her agreement): the raw total and the metric score are computed")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = WellbeingView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (errors[].field), or sheAgreed not true")
    @APIResponse(responseCode = "404", description = "Not her organisation nor one that took up a referral for her")
    @APIResponse(responseCode = "409", description = "start-measured (a second START) or no-start-measure (LATER before START)")
    public Response recordWellbeing(@PathParam("id") UUID id, @NotNull @Valid WellbeingRequest body) {
        WellbeingView v = service.recordWellbeing(id, body.timepoint(), body.takenOn(), body.items(), body.sheAgreed());
        return Response.created(URI.create("/api/subjects/" + id + "/wellbeing")).entity(v).build();
    }

    @GET
    @Path("/wellbeing")
    @Operation(summary = "Her SWEMWBS measures, oldest first")
    @APIResponse(responseCode = "200", description = "The measures",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = WellbeingView.class)))
    @APIResponse(responseCode = "404", description = "Not her organisation nor one that took up a referral for her")
    public List<WellbeingView> wellbeing(@PathParam("id") UUID id) {
        return service.wellbeing(id);
    }

    @PUT
    @Path("/equality-monitoring")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record her equality monitoring answers (with her agreement; each optional): a new version")
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(schema = @Schema(implementation = EqualityView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (errors[].field), or sheAgreed not true")
    @APIResponse(responseCode = "404", description = "Not her organisation nor one that took up a referral for her")
    public EqualityView recordEquality(@PathParam("id") UUID id, @NotNull @Valid EqualityRequest body) {
        return service.recordEquality(id, new EqualityAnswers(body.ageBand(), body.ethnicGroup(), body.disability(), body.children()),
                body.sheAgreed());
    }

    @GET
    @Path("/equality-monitoring")
    @Operation(summary = "Her latest equality monitoring answers")
    @APIResponse(responseCode = "200", description = "The answers", content = @Content(schema = @Schema(implementation = EqualityView.class)))
    @APIResponse(responseCode = "404", description = "Not her organisation nor one that took up a referral for her, or none recorded")
    public EqualityView equality(@PathParam("id") UUID id) {
        return service.equality(id);
    }
}
