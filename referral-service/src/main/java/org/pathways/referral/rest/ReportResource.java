package org.pathways.referral.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.service.ReportService;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Aggregate reports for closed reporting periods: for the Partnership Connector, partnership admins and evaluators of a
 * member organisation. No personal data; counts under five are "&lt;5", with secondary suppression ("*").
 */
@Path("/api/reports/partnerships/{partnershipId}/periods")
@Tag(name = "Reports")
@RolesAllowed({ Roles.CONNECTOR, Roles.PARTNERSHIP_ADMIN, Roles.EVALUATOR })
public class ReportResource {

    @Inject
    ReportService reports;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Closed reporting periods, newest first, and whether each report is stored")
    @APIResponse(responseCode = "503", description = "The directory is unavailable to say who is a member")
    @APIResponse(responseCode = "200", description = "Closed periods, newest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ReportService.PeriodView.class)))
    public List<ReportService.PeriodView> periods(@PathParam("partnershipId") UUID partnershipId) {
        return reports.closedPeriods(partnershipId);
    }

    @GET
    @Path("/{periodId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The report of one closed period (stored once; never changes)")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = ApiSchemas.Report.class)))
    @APIResponse(responseCode = "409", description = "period-open: the period has not ended")
    @APIResponse(responseCode = "503", description = "The directory is unavailable to say who is a member")
    public JsonNode report(@PathParam("partnershipId") UUID partnershipId, @PathParam("periodId") String periodId) {
        return reports.report(partnershipId, periodId);
    }

    @GET
    @Path("/{periodId}/csv")
    @Produces("text/csv")
    @Operation(summary = "The same report as CSV: section, row, column, value")
    @APIResponse(responseCode = "200", description = "The report as CSV: section,row,column,value",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "period-open: the period has not ended")
    @APIResponse(responseCode = "503", description = "The directory is unavailable to say who is a member")
    public Response csv(@PathParam("partnershipId") UUID partnershipId, @PathParam("periodId") String periodId) {
        JsonNode report = reports.report(partnershipId, periodId);
        return Response.ok(ReportService.toCsv(report), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"pathways-report-" + periodId + ".csv\"").build();
    }
}
