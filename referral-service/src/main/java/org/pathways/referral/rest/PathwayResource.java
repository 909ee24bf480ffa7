package org.pathways.referral.rest;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.Urgency;
import org.pathways.referral.rest.QueueDtos.QueueItem;
import org.pathways.referral.rest.ReferralDtos.ReferralView;
import org.pathways.referral.service.PathwayService;

/**
 * Pathways: the chain or tree of referrals for one person (metadata), with the onward referrals completions propose;
 * and the Partnership Connector's child referrals.
 */
@Path("/api/pathways")
@Tag(name = "Pathways")
@Produces(MediaType.APPLICATION_JSON)
public class PathwayResource {

    @Inject
    PathwayService service;

    /** One referral on the pathway and the one it follows (null for the start). */
    public record StepView(QueueItem referral, UUID follows, PathwayService.Relation relation) {
    }

    /**
     * An onward referral a completion proposed. {@code send} is the body to POST to /api/referrals once a service,
     * sections and urgency are chosen (the organisation sending it must be her owner or hold a live referral for her).
     */
    public record ProposalView(UUID afterReferralId, UUID proposedByOrganisationId, List<String> needs, Instant completedAt,
            Map<String, Object> send) {
    }

    public record PathwayBody(UUID pathwayId, UUID subjectId, UUID ownerOrganisationId, List<StepView> steps,
            List<ProposalView> proposals) {
    }

    /** A child referral: where to, for which of the parent's needs, what to share. Subject and pathway come from the parent. */
    public record ChildReferral(
            @NotNull UUID toServiceId,
            @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = ReferralDtos.NEED, message = "must be a need code") String> needs,
            @NotNull Urgency urgency,
            @NotEmpty @Size(max = 12) List<@NotNull DataCategory> sections,
            @NotNull Boolean personKnows,
            @Size(max = ReferralDtos.NOTE_MAX) String note,
            @Size(max = ReferralDtos.SAFE_CONTACT_MAX) String safeContactInstructions) {
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
    @Operation(summary = "The referrals of one person's pathway as a chain or tree (metadata only), with proposed onward "
            + "referrals; for her owning organisation and the organisations on the pathway")
    public PathwayBody pathway(@PathParam("id") UUID id) {
        PathwayService.PathwayView v = service.view(id);
        List<StepView> steps = v.steps().stream().map(s -> new StepView(QueueItem.of(s.referral(), true), s.follows(), s.relation())).toList();
        List<ProposalView> proposals = v.proposals().stream().map(p -> new ProposalView(p.afterReferralId(), p.proposedByOrganisationId(),
                p.needs(), p.completedAt(), Map.of("subjectId", v.subjectId(), "pathwayId", v.pathwayId(), "needs", p.needs()))).toList();
        return new PathwayBody(v.pathwayId(), v.subjectId(), v.ownerOrganisationId(), steps, proposals);
    }
}
