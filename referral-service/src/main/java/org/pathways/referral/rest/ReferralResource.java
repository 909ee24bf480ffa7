package org.pathways.referral.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.pathways.contracts.vocab.NeedCode;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.ReferralStateMachine;
import org.pathways.referral.rest.ReferralDtos.HistoryView;
import org.pathways.referral.rest.ReferralDtos.ReferralView;
import org.pathways.referral.rest.ReferralDtos.SendReferral;
import org.pathways.referral.rest.ReferralDtos.TransitionRequest;
import org.pathways.referral.service.ReferralService;
import org.pathways.referral.service.SharedSummaryService;

/**
 * Referrals: sent to a directory service with consent checked first, moved through the lifecycle by the side allowed
 * to make each move, read only by the two organisations on the referral (everyone else: 404).
 */
@Path("/api/referrals")
@Tag(name = "Referrals")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class ReferralResource {

    @Inject
    ReferralService service;

    @Inject
    SharedSummaryService summaries;

    @Inject
    org.pathways.referral.service.ChallengeService challenges;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a referral (directory routing, data sharing agreement and consent checked; nothing stored if any fails)")
    @APIResponse(responseCode = "201", description = "Sent (state SENT): Location names the referral, ETag is \"1\"",
            headers = { @Header(name = "Location"), @Header(name = "ETag") }, content = @Content(schema = @Schema(implementation = ReferralView.class)))
    @APIResponse(responseCode = "422", description = "unknown-service, service-not-accepting, too-few-needs (the service takes "
            + "only complex cases; field needs), no-data-sharing-agreement, consent-not-covering (allowed = the covered sections) "
            + "or override-required; nothing stored. A service of your own organisation is an internal referral (ADR 0053). "
            + "Statutory referrals (kind, ADR 0091): statutory-partner (a statutory partner's service without a kind), "
            + "not-statutory-partner (not a statutory partner of the kind's role), marac-criterion, she-is-aware, "
            + "partnership-required, unknown-partnership, no-partnership")
    @APIResponse(responseCode = "503", description = "A service this depends on (directory, consent-service or Keycloak) is unavailable; nothing changed")
    @APIResponse(responseCode = "404", description = "The subject is not one you may refer (not hers, restricted, or no referral taken up)")
    public Response send(@NotNull @Valid SendReferral body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.needs().size(); i++) {
            if (!isNeed(body.needs().get(i))) errors.add(new Problem.FieldError("needs[" + i + "]", "must be a need code of the partnership taxonomy"));
        }
        if (body.replacesReferralId() != null && body.parentReferralId() != null) {
            errors.add(new Problem.FieldError("parentReferralId", "a re-routed referral cannot also be a child referral"));
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some fields are invalid.", errors);
        Referral r = service.send(new ReferralService.SendCommand(body.subjectId(), body.toServiceId(), body.needs(), body.urgency(),
                EnumSet.copyOf(body.sections()), body.personKnows(), body.note(), body.safeContactInstructions(), body.pathwayId(),
                body.replacesReferralId(), body.parentReferralId(), body.kind(), body.partnershipId(), body.marac() == null ? null
                        : new ReferralService.Marac(body.marac().dashLevel(), body.marac().criterion(), body.marac().sheIsAware(),
                                body.marac().safeContactTimes())));
        return Response.created(URI.create("/api/referrals/" + r.id())).tag(Long.toString(r.version()))
                .entity(body.kind() == null ? ReferralView.brief(r) : ReferralView.of(r, null, null, null,
                        new ReferralDtos.StatutoryView(body.kind(), null, null, null, List.of()))).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One referral with its note and safe-contact instructions (sender or receiver only; audited)")
    @APIResponse(responseCode = "200", description = "The referral; ETag is its version", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = ReferralView.class)))
    public Response get(@PathParam("id") UUID id) {
        ReferralService.ReferralDetail d = service.get(id);
        return Response.ok(ReferralView.of(d)).tag(Long.toString(d.referral().version())).build();
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Every move of the referral (who, when, from, to, reason, outcomes, review date) and every escalation "
            + "or decline review raised or answered, in time order")
    public List<HistoryView> history(@PathParam("id") UUID id) {
        List<HistoryView> out = new java.util.ArrayList<>(service.history(id).stream().map(HistoryView::of).toList());
        challenges.of(id).forEach(c -> out.addAll(HistoryView.of(c)));
        out.sort(java.util.Comparator.comparing(HistoryView::at));
        return out;
    }

    @GET
    @Path("/{id}/summary")
    @Operation(summary = "Her summary through this referral, for the receiving organisation: triage sections while SENT, "
            + "every shared section from ACCEPTED, each only as consent permits at this moment; withheld ones marked (audited)")
    @APIResponse(responseCode = "503", description = "consent-service is unavailable to decide what may be shown")
    @APIResponse(responseCode = "200", description = "What of her summary this referral may show now; withheld sections listed", content = @Content(schema = @Schema(implementation = ReferralDtos.ReceivedSummaryView.class)))
    public ReferralDtos.ReceivedSummaryView summary(@PathParam("id") UUID id) {
        return ReferralDtos.ReceivedSummaryView.of(summaries.read(id));
    }

    @POST
    @Path("/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the referral (If-Match required: the version you read; 428 without it, 412 if stale); 409 with "
            + "the allowed moves if illegal")
    @APIResponse(responseCode = "200", description = "Moved; ETag is the new version", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = ReferralView.class)))
    @APIResponse(responseCode = "409", description = "illegal-transition (allowed = the legal moves for your side), or "
            + "open-children (errors[] names each open child)")
    @APIResponse(responseCode = "412", description = "stale-version: If-Match names an older version")
    @APIResponse(responseCode = "422", description = "move-incomplete: a reason, review date or outcome is missing or not allowed")
    @APIResponse(responseCode = "428", description = "If-Match is required: the version you read")
    public Response move(@PathParam("id") UUID id, @NotNull @Valid TransitionRequest body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body.outcomes() != null) {
            for (String need : body.outcomes().keySet()) {
                if (!isNeed(need)) errors.add(new Problem.FieldError("outcomes", "names something that is not a need code"));
            }
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some fields are invalid.", errors);
        Long expected = Versions.ifMatch(ifMatch); // required: the service answers 428 without it, once the caller may see it
        ReferralStateMachine.Move move = new ReferralStateMachine.Move(body.target(), body.reason(), body.reviewDate(),
                body.outcomes(), body.onwardNeeds());
        Referral r;
        try {
            r = service.move(id, move, expected);
        } catch (ReferralStateMachine.IllegalMoveException e) {
            throw new ProblemException(Problem.of(409, "illegal-transition", "Conflict", "This move is not allowed from "
                    + e.from() + " for your side of the referral; see allowed.")
                    .withAllowed(e.allowed().stream().map(ReferralState::name).toList()));
        } catch (ReferralStateMachine.MoveRequirementException e) {
            throw ProblemException.unprocessable("move-incomplete", "The move lacks what it needs, or carries what it may not.",
                    e.issues().stream().map(i -> new Problem.FieldError(i.field(), i.message())).toList());
        }
        return Response.ok(ReferralView.brief(r)).tag(Long.toString(r.version())).build();
    }

    @GET
    @Operation(summary = "Referrals your organisation received (incoming) or sent (outgoing), newest first, optionally by state")
    public List<ReferralView> list(@QueryParam("direction") String direction, @QueryParam("state") List<String> states,
            @QueryParam("limit") Integer limit) {
        boolean incoming;
        if (direction == null || direction.equals("incoming")) incoming = true;
        else if (direction.equals("outgoing")) incoming = false;
        else throw ProblemException.invalidField("direction", "must be incoming or outgoing");
        Set<ReferralState> wanted = EnumSet.noneOf(ReferralState.class);
        for (String s : states == null ? List.<String>of() : states) {
            try {
                wanted.add(ReferralState.fromCode(s));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("state", e.getMessage());
            }
        }
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 500) throw ProblemException.invalidField("limit", "must be between 1 and 500");
        return service.list(incoming, wanted, n).stream().map(ReferralView::brief).toList();
    }

    static boolean isNeed(String code) {
        try {
            NeedCode.fromCode(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
