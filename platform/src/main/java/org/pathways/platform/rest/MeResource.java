package org.pathways.platform.rest;

import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.security.Caller;

/**
 * Who am I, to this service: lets a partner's IT person (and our tests) check a token end to end. Evaluators get 403:
 * they read aggregate reports only.
 */
@Path("/api/me")
@Tag(name = "Identity")
public class MeResource {

    public record Me(String service, String userId, String organisationId, Set<String> roles) {
    }

    @Inject
    Caller caller;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN,
            Roles.PARTNERSHIP_ADMIN, Roles.PRIVACY_OFFICER, Roles.INTERNAL_SERVICE})
    @Operation(summary = "The caller's organisation and roles as this service sees them")
    public Me me() {
        return new Me(service, caller.userId(), caller.organisationId().map(Object::toString).orElse(null), caller.roles());
    }
}
