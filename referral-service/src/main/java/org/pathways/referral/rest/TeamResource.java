package org.pathways.referral.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.TeamRole;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.TeamMember;
import org.pathways.referral.service.TeamService;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The team around the person (issue 16 item 3, ADR 0069): named workers of her organisation and, with her consent for
 * CASE_COORDINATION, of partner organisations, each with a role code. Kept by her registering organisation; told of
 * her referrals' moves by notification-service.
 */
@Path("/api/subjects/{id}/team")
@Tag(name = "Team around the person")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class TeamResource {

    @Inject
    TeamService service;

    /** {@code organisationId} absent: her registering organisation (yours). */
    public record AddMember(@NotNull UUID userId, UUID organisationId, @NotNull TeamRole role) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberView(UUID id, String userId, UUID organisationId, TeamRole role,
            @Schema(description = "OWNER (her organisation's staff), CONSENT or OVERRIDE (a partner organisation's, on that basis)") AuditBasis basis,
            @Schema(description = "Partner members only: whether her consent still lets their organisation see her needs for case "
                    + "coordination, asked now (false: she narrowed or withdrew it; remove them or ask her again)") Boolean consentCovers,
            Instant addedAt, String addedBy) {
        static MemberView of(TeamMember m, Boolean covers) {
            return new MemberView(m.id(), m.userId(), m.organisationId(), m.role(), m.basis(), covers, m.addedAt(), m.addedBy());
        }
    }

    public record TeamView(UUID subjectId, UUID organisationId, String leadWorkerId, long version, List<MemberView> members) {
    }

    @GET
    @Operation(summary = "The team around her: her lead worker and every named worker with a role code (her organisation only)")
    @APIResponse(responseCode = "200", description = "Her team", content = @Content(schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "404", description = "Not a person your organisation registered (or her case is restricted from you)")
    @APIResponse(responseCode = "503", description = "consent-service is unavailable to say whether partner members are still covered")
    public TeamView get(@PathParam("id") UUID id) {
        TeamService.Team t = service.of(id);
        return new TeamView(t.subject().id(), t.subject().organisationId(), t.subject().leadWorkerId(), t.version(),
                t.members().stream().map(s -> MemberView.of(s.member(), s.consentCovers())).toList());
    }

    @POST
    @Path("/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a worker to her team: your organisation's staff, or a partner organisation's when a data sharing "
            + "agreement holds and her consent lets it see her needs for case coordination; the team is told of her referrals' moves")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "400", description = "userId or role missing or malformed, an unknown field, or userId not a member of "
            + "staff of that organisation with a case role (field userId)")
    @APIResponse(responseCode = "404", description = "Not a person your organisation registered")
    @APIResponse(responseCode = "409", description = "already-member (field userId)")
    @APIResponse(responseCode = "422", description = "joint-lead-own-organisation (field role), no-data-sharing-agreement or "
            + "consent-not-covering (field organisationId)")
    @APIResponse(responseCode = "503", description = "directory-, consent-service or Keycloak unavailable; nothing was changed")
    public Response add(@PathParam("id") UUID id, @NotNull @Valid AddMember body) {
        TeamMember m = service.add(id, body.userId(), body.organisationId(), body.role());
        return Response.created(URI.create("/api/subjects/" + id + "/team")).entity(MemberView.of(m, null)).build();
    }

    @DELETE
    @Path("/members/{memberId}")
    @Operation(summary = "Take a worker off her team (her organisation, or the member's own organisation); again: no change")
    @APIResponse(responseCode = "204", description = "Removed (or had left already)")
    @APIResponse(responseCode = "404", description = "Not her team member, or not a person your organisation registered")
    public Response remove(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId) {
        service.remove(id, memberId);
        return Response.noContent().build();
    }
}
