package org.pathways.referral.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.service.SubjectStanding;
import org.pathways.referral.service.SubjectStanding.Standing;

/**
 * Where a member of staff stands towards her, for consent-service (role {@code internal-service} only; ADR 0027):
 * consent-service forwards its own caller's organisation, user id and roles, and applies the answer (restricted case:
 * 404; who may widen her consent). A POST so that nothing about the caller travels in a URL.
 */
@Path("/internal/subject-standing")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.INTERNAL_SERVICE)
public class InternalSubjectStandingResource {

    public record StandingQuestion(
            @NotNull UUID subjectId,
            @NotNull UUID organisationId,
            @NotBlank @Size(max = 100) String userId,
            @NotNull @Size(max = 20) List<@NotBlank @Size(max = 64) String> roles) {
    }

    @Inject
    SubjectStanding standing;

    @POST
    @Operation(summary = "The standing of a named member of staff towards a subject: registering organisation, lead "
            + "worker, restricted flag, whether the caller may see her (ADR 0032) and the organisation's relation")
    @APIResponse(responseCode = "200", description = "Her standing", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Standing.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed field (errors[].field)",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "401", description = "No token")
    @APIResponse(responseCode = "403", description = "Not internal-service", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "Unknown or erased subject", content = @Content(mediaType = "application/problem+json"))
    public Standing ask(@Valid @NotNull StandingQuestion q) {
        return standing.of(q.subjectId(), q.organisationId(), q.userId(), q.roles())
                .orElseThrow(() -> ProblemException.notFound("The subject"));
    }
}
