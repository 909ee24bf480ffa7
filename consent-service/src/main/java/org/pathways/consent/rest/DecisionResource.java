package org.pathways.consent.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.pathways.consent.rest.Dtos.BatchDecisionRequest;
import org.pathways.consent.rest.Dtos.DecisionRequest;
import org.pathways.consent.rest.Views.BatchDecisionView;
import org.pathways.consent.rest.Views.DecisionView;
import org.pathways.consent.service.DecisionService;
import org.pathways.contracts.vocab.Roles;

/**
 * The consent decision, asked before every read of her case summary by another organisation. Only our own services
 * may ask (internal-service): a worker or partner system must not be able to probe what she consented to.
 */
@Path("/api/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.INTERNAL_SERVICE)
public class DecisionResource {

    @Inject
    DecisionService service;

    @POST
    @APIResponse(responseCode = "200", description = "The decision", content = @Content(schema = @Schema(implementation = DecisionView.class)))
    @APIResponse(responseCode = "404", description = "consent-service has not heard of the subject")
    public DecisionView decide(@NotNull @Valid DecisionRequest body) {
        return service.decide(body);
    }

    /** Several recipients, purposes or category sets at once; each is decided as if asked on its own. */
    @POST
    @Path("/batch")
    public BatchDecisionView batch(@NotNull @Valid BatchDecisionRequest body) {
        return new BatchDecisionView(body.decisions().stream().map(service::decide).toList());
    }
}
