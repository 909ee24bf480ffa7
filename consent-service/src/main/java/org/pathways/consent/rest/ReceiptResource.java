package org.pathways.consent.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.pathways.consent.service.ReceiptService;
import org.pathways.consent.service.ReceiptService.Receipt;
import org.pathways.contracts.vocab.Roles;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** Her consent receipt, as JSON and as a printable page; {@code ?discreet=true} names no sensitive service. */
/* Same root as the other resources: a longer class path would capture /api/consents/{id}/... and 404 the rest. */
@Path("/api")
@RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.PRIVACY_OFFICER})
public class ReceiptResource {

    @Inject
    ReceiptService receipts;

    @Inject
    @Location("receipt.html")
    Template page;

    @GET
    @Path("/consents/{consentId}/receipt")
    @Produces(MediaType.APPLICATION_JSON)
    public Receipt json(@PathParam("consentId") UUID consentId, @QueryParam("discreet") @DefaultValue("false") boolean discreet) {
        return receipts.receipt(consentId, discreet);
    }

    @GET
    @Path("/consents/{consentId}/receipt.html")
    @Produces(MediaType.TEXT_HTML)
    @APIResponse(responseCode = "200", description = "The receipt as an HTML page to print or give to her",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public String html(@PathParam("consentId") UUID consentId, @QueryParam("discreet") @DefaultValue("false") boolean discreet) {
        return page.data("r", receipts.receipt(consentId, discreet)).render();
    }
}
