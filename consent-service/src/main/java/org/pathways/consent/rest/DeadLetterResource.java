package org.pathways.consent.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.pathways.consent.messaging.DeadLetterReplay;
import org.pathways.contracts.vocab.Roles;

/**
 * Operations: re-consume the events parked on {@code referral.events.dlq} (after an outage outlasted the consumer's
 * retries). Called with a service account's client-credentials token ({@code internal-service}); never by end users —
 * a replay applies events about women in bulk. See ADR 0022.
 */
@Path("/internal/dead-letters/referral-events")
@RolesAllowed(Roles.INTERNAL_SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    @Inject
    DeadLetterReplay replay;

    @POST
    @Path("/replay")
    @APIResponse(responseCode = "200", description = "What the replay applied, passed over and stopped at")
    @APIResponse(responseCode = "409", description = "replay-in-progress: another instance is replaying (one replay at a time across replicas)")
    public DeadLetterReplay.Result replay() {
        return replay.replay();
    }
}
