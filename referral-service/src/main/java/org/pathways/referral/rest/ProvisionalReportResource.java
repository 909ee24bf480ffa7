package org.pathways.referral.rest;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.service.ReportService;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The open reporting period's figures so far (issue 17, item 7; ADR 0075): the same tables and the same disclosure
 * control as a closed period's report, computed on each request, marked provisional and never stored.
 */
@Path("/api/reports/partnerships/{partnershipId}/provisional")
@Tag(name = "Reports")
@RolesAllowed({ Roles.CONNECTOR, Roles.PARTNERSHIP_ADMIN, Roles.EVALUATOR })
public class ProvisionalReportResource {

    @Inject
    ReportService reports;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The open period's provisional figures (same suppression; recomputed on each request, never stored)")
    @APIResponse(responseCode = "200", description = "The provisional report: provisional = true, asOf",
            content = @Content(schema = @Schema(implementation = ApiSchemas.Report.class)))
    @APIResponse(responseCode = "404", description = "Not a partnership of a member organisation of yours")
    @APIResponse(responseCode = "503", description = "The directory is unavailable to say who is a member")
    public JsonNode provisional(@PathParam("partnershipId") UUID partnershipId) {
        return reports.provisional(partnershipId);
    }

    @GET
    @Path("/csv")
    @Produces("text/csv")
    @Operation(summary = "The same provisional figures as CSV: section, row, column, value")
    @APIResponse(responseCode = "200", description = "The provisional report as CSV",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Not a partnership of a member organisation of yours")
    @APIResponse(responseCode = "503", description = "The directory is unavailable to say who is a member")
    public Response csv(@PathParam("partnershipId") UUID partnershipId) {
        JsonNode report = reports.provisional(partnershipId);
        return Response.ok(ReportService.toCsv(report), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"pathways-report-provisional.csv\"").build();
    }
}
