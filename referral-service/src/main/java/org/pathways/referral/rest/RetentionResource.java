package org.pathways.referral.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.service.RetentionService;

/** What the retention job did (data class, action, how many, cutoff): counts only, for privacy officers. */
@Path("/api/retention/runs")
@Tag(name = "Retention")
@RolesAllowed(Roles.PRIVACY_OFFICER)
public class RetentionResource {

    @Inject
    RetentionService retention;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest retention runs that erased or deleted something, newest first")
    public List<RetentionService.Outcome> runs() {
        return retention.recentRuns(100);
    }
}
