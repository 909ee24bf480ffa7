package org.pathways.referral.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.rest.Dtos.Verification;
import org.pathways.referral.service.AuditVerifier;

/** Privacy officers check that the access audit is intact: the whole hash chain is recomputed. */
@Path("/api/audit/verification")
@Tag(name = "Access log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
public class AuditResource {

    @Inject
    AuditVerifier verifier;

    @GET
    @Operation(summary = "Recompute the audit hash chain; names the first row that breaks it")
    public Verification verify() {
        return Verification.of(verifier.verify());
    }
}
