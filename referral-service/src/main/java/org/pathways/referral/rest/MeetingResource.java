package org.pathways.referral.rest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.domain.Meeting;
import org.pathways.referral.domain.Meeting.Decision;
import org.pathways.referral.domain.Meeting.Kind;
import org.pathways.referral.service.MeetingService;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Multi-agency meeting records (issue 16 item 3, ADR 0069): MDT, MARAC-style and team-around-the-person meetings, kept by
 * the organisation that recorded them. Decisions are codes; each action's text is encrypted under her key; every record
 * and read of her part is audited.
 */
@Path("/api/meetings")
@Tag(name = "Multi-agency meetings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class MeetingResource {

    @Inject
    MeetingService service;

    public record ActionRequest(@NotBlank @Size(max = 2000) String text, @NotNull UUID ownerOrganisationId, UUID ownerUserId,
            @NotNull LocalDate dueOn) {
    }

    public record CaseRequest(@NotNull UUID subjectId, @NotNull @Size(min = 1, max = 20) List<@NotNull Decision> decisions,
            @Size(max = 20) List<@NotNull @Valid ActionRequest> actions) {
    }

    public record MeetingRequest(@NotNull Kind kind, @NotNull LocalDate heldOn,
            @NotNull @Size(max = 30) List<@NotNull UUID> attendeeOrganisationIds,
            @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid CaseRequest> cases) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionView(UUID id, UUID ownerOrganisationId, String ownerUserId, LocalDate dueOn, String text) {
    }

    public record CaseView(UUID subjectId, List<Meeting.Decision> decisions, List<ActionView> actions) {
    }

    public record MeetingView(UUID id, UUID organisationId, Meeting.Kind kind, LocalDate heldOn, List<UUID> attendeeOrganisationIds,
            String recordedBy, Instant recordedAt, List<CaseView> cases) {
        static MeetingView of(Meeting m, boolean withTexts) {
            return new MeetingView(m.id(), m.organisationId(), m.kind(), m.heldOn(), m.attendeeOrganisationIds(), m.recordedBy(),
                    m.recordedAt(), m.cases().stream().map(c -> new CaseView(c.subjectId(), c.decisions(), c.actions().stream()
                            .map(a -> new ActionView(a.id(), a.ownerOrganisationId(), a.ownerUserId(), a.dueOn(), withTexts ? a.text() : null))
                            .toList())).toList());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a multi-agency meeting: kind, date, attending organisations, and for each woman your organisation "
            + "registered who was discussed the decisions (codes) and actions (owner, due date, text under her key)")
    @APIResponse(responseCode = "201", description = "Recorded (action texts are not echoed)",
            content = @Content(schema = @Schema(implementation = MeetingView.class)))
    @APIResponse(responseCode = "400", description = "A field missing or invalid, named in errors[].field: heldOn in the future, a woman "
            + "listed twice, an action owner not attending, a due date before the meeting, an owner user not staff of the owner "
            + "organisation, an unknown field")
    @APIResponse(responseCode = "404", description = "A woman discussed is not one your organisation registered")
    @APIResponse(responseCode = "503", description = "Keycloak unavailable to check a named action owner; nothing was recorded")
    public Response record(@NotNull @Valid MeetingRequest body) {
        Meeting m = service.record(body.kind(), body.heldOn(), body.attendeeOrganisationIds(), body.cases().stream()
                .map(c -> new MeetingService.NewCase(c.subjectId(), c.decisions(), c.actions() == null ? List.of() : c.actions().stream()
                        .map(a -> new MeetingService.NewAction(a.text(), a.ownerOrganisationId(), a.ownerUserId(), a.dueOn())).toList()))
                .toList());
        return Response.created(URI.create("/api/meetings/" + m.id())).entity(MeetingView.of(m, false)).build();
    }

    @GET
    @Path("/{meetingId}")
    @Operation(summary = "A meeting your organisation recorded, with each woman's decisions and actions (texts decrypted; every "
            + "woman shown is audited MEETING_READ; a restricted case hidden from you is left out)")
    @APIResponse(responseCode = "200", description = "The meeting", content = @Content(schema = @Schema(implementation = MeetingView.class)))
    @APIResponse(responseCode = "404", description = "Not a meeting your organisation recorded")
    public MeetingView get(@PathParam("meetingId") UUID meetingId) {
        return MeetingView.of(service.read(meetingId), true);
    }
}
