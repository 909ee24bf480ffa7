package org.pathways.referral.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.pathways.contracts.vocab.ChallengeOutcome;
import org.pathways.contracts.vocab.ChallengeReason;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.domain.Challenge;
import org.pathways.referral.service.ChallengeService;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A referrer escalates a referral herself, or asks for a decline to be reviewed; the receiving organisation answers
 * (issue 16 item 5, ADR 0055). Codes only: no free text travels with either.
 */
@Path("/api/referrals/{id}")
@Tag(name = "Referrals")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class ChallengeResource {

    @Inject
    ChallengeService service;

    public record RaiseRequest(@NotNull ChallengeReason reasonCode) {
    }

    public record AnswerRequest(@NotNull ChallengeOutcome outcome) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChallengeView(UUID id, UUID referralId, Challenge.Kind kind, ChallengeReason reasonCode, long referralVersion,
            ReferralState referralState, Instant raisedAt, String raisedBy, UUID raisedOrganisationId, Instant answeredAt,
            String answeredBy, UUID answeredOrganisationId, ChallengeOutcome outcome) {
        static ChallengeView of(Challenge c) {
            return new ChallengeView(c.id(), c.referralId(), c.kind(), c.reason(), c.referralVersion(), c.referralState(), c.raisedAt(),
                    c.raisedBy(), c.raisedOrganisationId(), c.answeredAt(), c.answeredBy(), c.answeredOrganisationId(), c.outcome());
        }
    }

    @POST
    @Path("/escalations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Escalate an open referral yourself, with a reason code: the receiving service's single point of contact "
            + "and the Partnership Connector are told")
    @APIResponse(responseCode = "201", description = "Escalated (listed under the referral's challenges and history)",
            content = @Content(schema = @Schema(implementation = ChallengeView.class)))
    @APIResponse(responseCode = "400", description = "reasonCode missing or not a code, or an unknown field")
    @APIResponse(responseCode = "403", description = "You received the referral: only the referring organisation escalates it")
    @APIResponse(responseCode = "404", description = "Not a referral your organisation sent or received")
    @APIResponse(responseCode = "409", description = "referral-ended (not SENT, ACCEPTED, ON_HOLD or IN_PROGRESS) or already-escalated (an escalation waits for its answer)")
    @APIResponse(responseCode = "422", description = "reason-not-for-escalation (field reasonCode)")
    public Response escalate(@PathParam("id") UUID id, @NotNull @Valid RaiseRequest body) {
        return created(id, service.raise(id, Challenge.Kind.ESCALATION, body.reasonCode()));
    }

    @POST
    @Path("/decline-reviews")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a decline to be reviewed, with a reason code (once per referral): the receiving service's single "
            + "point of contact and the Partnership Connector are told")
    @APIResponse(responseCode = "201", description = "Asked (listed under the referral's challenges and history)",
            content = @Content(schema = @Schema(implementation = ChallengeView.class)))
    @APIResponse(responseCode = "400", description = "reasonCode missing or not a code, or an unknown field")
    @APIResponse(responseCode = "403", description = "You received the referral: only the referring organisation asks")
    @APIResponse(responseCode = "404", description = "Not a referral your organisation sent or received")
    @APIResponse(responseCode = "409", description = "not-declined, or review-already-requested")
    @APIResponse(responseCode = "422", description = "reason-not-for-review (field reasonCode)")
    public Response reviewDecline(@PathParam("id") UUID id, @NotNull @Valid RaiseRequest body) {
        return created(id, service.raise(id, Challenge.Kind.DECLINE_REVIEW, body.reasonCode()));
    }

    @GET
    @Path("/challenges")
    @Operation(summary = "The referral's escalations and decline reviews with their answers, oldest first")
    @APIResponse(responseCode = "200", description = "The list", content = @Content(schema = @Schema(implementation = ChallengeView[].class)))
    @APIResponse(responseCode = "404", description = "Not a referral your organisation sent or received")
    public List<ChallengeView> list(@PathParam("id") UUID id) {
        return service.of(id).stream().map(ChallengeView::of).toList();
    }

    @POST
    @Path("/challenges/{challengeId}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer an escalation (ACTIONED, CANNOT_ACT_NOW) or a decline review (DECLINE_UPHELD, DECLINE_OVERTURNED: "
            + "the referrer then sends again, re-routed to your service); the referrer is told")
    @APIResponse(responseCode = "200", description = "Answered", content = @Content(schema = @Schema(implementation = ChallengeView.class)))
    @APIResponse(responseCode = "400", description = "outcome missing or not a code, or an unknown field")
    @APIResponse(responseCode = "403", description = "You sent the referral: only the receiving organisation answers")
    @APIResponse(responseCode = "404", description = "Not a referral your organisation sent or received, or no such challenge of it")
    @APIResponse(responseCode = "409", description = "already-answered")
    @APIResponse(responseCode = "422", description = "outcome-not-for-kind (field outcome)")
    public ChallengeView answer(@PathParam("id") UUID id, @PathParam("challengeId") UUID challengeId, @NotNull @Valid AnswerRequest body) {
        return ChallengeView.of(service.answer(id, challengeId, body.outcome()));
    }

    private static Response created(UUID referralId, Challenge c) {
        return Response.status(Response.Status.CREATED).entity(ChallengeView.of(c)).build();
    }
}
