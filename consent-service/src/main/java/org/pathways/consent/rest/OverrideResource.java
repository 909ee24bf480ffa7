package org.pathways.consent.rest;

import java.net.URI;
import java.util.ArrayList;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.pathways.consent.domain.Recipient;
import org.pathways.consent.domain.RecipientType;
import org.pathways.consent.domain.Times;
import org.pathways.consent.rest.Dtos.OverrideRefusal;
import org.pathways.consent.rest.Dtos.OverrideRequest;
import org.pathways.consent.rest.Dtos.RecipientDto;
import org.pathways.consent.rest.Views.OverrideView;
import org.pathways.consent.service.OverrideService;
import org.pathways.consent.service.OverrideService.OverrideCommand;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;

/**
 * Safeguarding overrides: requested by a worker, approved (or refused, ADR 0090) by a different privacy officer or
 * referral coordinator.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OverrideResource {

    @Inject
    OverrideService service;

    @POST
    @Path("/subjects/{subjectId}/overrides")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR})
    @APIResponse(responseCode = "201", description = "Requested (PENDING); Location names the override", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = OverrideView.class)))
    public Response request(@PathParam("subjectId") UUID subjectId, @NotNull @Valid OverrideRequest body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!body.validUntil().isAfter(Times.now())) errors.add(new Problem.FieldError("validUntil", "must be in the future"));
        for (int i = 0; i < body.recipients().size(); i++) {
            RecipientDto r = body.recipients().get(i);
            if (r.type() == RecipientType.PARTNERSHIP && !r.id().equals(body.partnershipId())) {
                errors.add(new Problem.FieldError("recipients[" + i + "].id", "a PARTNERSHIP recipient must be the partnershipId"));
            }
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some fields are missing or invalid; nothing was changed.", errors);
        OverrideView view = OverrideView.of(service.request(subjectId, new OverrideCommand(body.partnershipId(),
                body.legalBasis(), body.justification(),
                body.recipients().stream().map(r -> new Recipient(r.type(), r.id())).distinct().toList(),
                body.purposes().stream().distinct().toList(), body.categories().stream().distinct().toList(),
                body.validUntil().truncatedTo(java.time.temporal.ChronoUnit.MICROS))));
        return Response.created(URI.create("/api/overrides/" + view.id())).entity(view).build();
    }

    /** A separate call by a different person; the requester's own token gets 403. */
    @POST
    @Path("/overrides/{overrideId}/approval")
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.REFERRAL_COORDINATOR})
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "409", description = "override-not-pending or override-lapsed")
    @APIResponse(responseCode = "200", description = "Approved", content = @Content(schema = @Schema(implementation = OverrideView.class)))
    public OverrideView approve(@PathParam("overrideId") UUID overrideId) {
        return OverrideView.of(service.approve(overrideId));
    }

    /** The second person's "no" (ADR 0090): same people and refusals as an approval; a reason code, nothing else. */
    @POST
    @Path("/overrides/{overrideId}/refusal")
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.REFERRAL_COORDINATOR})
    @APIResponse(responseCode = "409", description = "override-not-pending or override-lapsed")
    @APIResponse(responseCode = "200", description = "Refused", content = @Content(schema = @Schema(implementation = OverrideView.class)))
    public OverrideView refuse(@PathParam("overrideId") UUID overrideId, @NotNull @Valid OverrideRefusal body) {
        return OverrideView.of(service.refuse(overrideId, body.reasonCode()));
    }

    @GET
    @Path("/overrides/{overrideId}")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.PRIVACY_OFFICER})
    public OverrideView get(@PathParam("overrideId") UUID overrideId) {
        return OverrideView.of(service.get(overrideId));
    }

    @GET
    @Path("/subjects/{subjectId}/overrides")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.PRIVACY_OFFICER})
    public List<OverrideView> list(@PathParam("subjectId") UUID subjectId) {
        return service.forSubject(subjectId).stream().map(OverrideView::of).toList();
    }
}
