package org.pathways.consent.rest;

import java.net.URI;
import java.time.OffsetDateTime;
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

import org.pathways.consent.domain.Provision;
import org.pathways.consent.domain.Recipient;
import org.pathways.consent.domain.RecipientType;
import org.pathways.consent.domain.Times;
import org.pathways.consent.rest.Dtos.NewVersionRequest;
import org.pathways.consent.rest.Dtos.ProvisionDto;
import org.pathways.consent.rest.Dtos.RecipientDto;
import org.pathways.consent.rest.Dtos.RecordConsentRequest;
import org.pathways.consent.rest.Dtos.WithdrawalRequest;
import org.pathways.consent.rest.Views.ConsentView;
import org.pathways.consent.service.ConsentService;
import org.pathways.consent.service.ConsentService.PartialScope;
import org.pathways.consent.service.ConsentTerms;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;

/**
 * Consent records. Workers of the registering organisation or of one with a live referral for her record and withdraw;
 * privacy officers of those organisations read. Everyone else: 403 by role, 404 by organisation.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConsentResource {


    @Inject
    ConsentService service;

    @POST
    @Path("/subjects/{subjectId}/consents")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR})
    @APIResponse(responseCode = "201", description = "Recorded (version 1); Location names the consent", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = ConsentView.class)))
    @APIResponse(responseCode = "409", description = "consent-exists: she has a consent in this partnership; record a new version of it")
    public Response record(@PathParam("subjectId") UUID subjectId, @NotNull @Valid RecordConsentRequest body) {
        ConsentTerms terms = terms(body.partnershipId(), body.provisions(), body.obtainedMethod(), body.language(),
                body.interpreterUsed(), body.art6Basis(), body.art9Condition(), body.explanationNote());
        ConsentView view = ConsentView.of(service.record(subjectId, body.partnershipId(), terms));
        return Response.created(URI.create("/api/consents/" + view.id())).entity(view).build();
    }

    @GET
    @Path("/subjects/{subjectId}/consents")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.PRIVACY_OFFICER})
    public List<ConsentView> list(@PathParam("subjectId") UUID subjectId) {
        return service.forSubject(subjectId).stream().map(ConsentView::of).toList();
    }

    @GET
    @Path("/consents/{consentId}")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.PRIVACY_OFFICER})
    public ConsentView get(@PathParam("consentId") UUID consentId) {
        return ConsentView.of(service.get(consentId));
    }

    @POST
    @Path("/consents/{consentId}/versions")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR})
    @APIResponse(responseCode = "409", description = "stale-version (basedOnVersion is not the current one) or consent-not-active")
    @APIResponse(responseCode = "200", description = "The consent with its new current version", content = @Content(schema = @Schema(implementation = ConsentView.class)))
    public ConsentView change(@PathParam("consentId") UUID consentId, @NotNull @Valid NewVersionRequest body) {
        // The partnership is checked against the stored record in the service.
        ConsentTerms terms = terms(null, body.provisions(), body.obtainedMethod(), body.language(),
                body.interpreterUsed(), body.art6Basis(), body.art9Condition(), body.explanationNote());
        return ConsentView.of(service.change(consentId, body.basedOnVersion(), terms));
    }

    @POST
    @Path("/consents/{consentId}/withdrawals")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR})
    @APIResponse(responseCode = "409", description = "stale-version or consent-not-active (already withdrawn or expired)")
    @APIResponse(responseCode = "422", description = "nothing-to-withdraw: the recipient or category is not in her consent")
    @APIResponse(responseCode = "200", description = "The consent after the withdrawal", content = @Content(schema = @Schema(implementation = ConsentView.class)))
    public ConsentView withdraw(@PathParam("consentId") UUID consentId, @NotNull @Valid WithdrawalRequest body) {
        PartialScope scope = null;
        if (body.scope() == Dtos.WithdrawalScope.PARTIAL) {
            if (body.recipient() == null && body.category() == null) {
                throw ProblemException.badRequest("A partial withdrawal names a recipient, a category or both.",
                        List.of(new Problem.FieldError("recipient", "required for a PARTIAL withdrawal (or category)"),
                                new Problem.FieldError("category", "required for a PARTIAL withdrawal (or recipient)")));
            }
            scope = new PartialScope(body.recipient() == null ? null
                    : new Recipient(body.recipient().type(), body.recipient().id()), body.category());
        } else if (body.recipient() != null || body.category() != null) {
            throw ProblemException.invalidField(body.recipient() != null ? "recipient" : "category",
                    "must be absent for a WHOLE withdrawal");
        }
        return ConsentView.of(service.withdraw(consentId, body.basedOnVersion(), scope, body.method()));
    }

    /** Explodes provisions into recipient x purpose x category, reporting every bad entry by its path. */
    static ConsentTerms terms(UUID partnershipId, List<ProvisionDto> provisions,
                              org.pathways.consent.domain.ObtainedMethod method, String language, boolean interpreter,
                              org.pathways.consent.domain.Art6Basis art6, org.pathways.consent.domain.Art9Condition art9,
                              String note) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Provision> out = new ArrayList<>();
        OffsetDateTime now = Times.now();
        for (int i = 0; i < provisions.size(); i++) {
            ProvisionDto p = provisions.get(i);
            String at = "provisions[" + i + "]";
            if (!p.validUntil().isAfter(p.validFrom())) {
                errors.add(new Problem.FieldError(at + ".validUntil", "must be after validFrom"));
            } else if (!p.validUntil().isAfter(now)) {
                errors.add(new Problem.FieldError(at + ".validUntil", "must be in the future"));
            }
            for (int j = 0; j < p.recipients().size(); j++) {
                RecipientDto r = p.recipients().get(j);
                if (partnershipId != null && r.type() == RecipientType.PARTNERSHIP && !r.id().equals(partnershipId)) {
                    errors.add(new Problem.FieldError(at + ".recipients[" + j + "].id",
                            "a PARTNERSHIP recipient must be the consent's partnershipId"));
                }
                for (Purpose purpose : p.purposes()) {
                    for (DataCategory category : p.categories()) {
                        out.add(new Provision(new Recipient(r.type(), r.id()), purpose, category,
                                p.validFrom().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                                p.validUntil().truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
                    }
                }
            }
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some fields are missing or invalid; nothing was changed.", errors);
        // The same recipient, purpose and category twice: the later period wins, one row per combination.
        java.util.Map<String, Provision> unique = new java.util.LinkedHashMap<>();
        for (Provision p : out) unique.put(p.recipient() + "|" + p.purpose() + "|" + p.category(), p);
        return new ConsentTerms(List.copyOf(unique.values()), method, language, interpreter, art6, art9,
                note == null || note.isBlank() ? null : note.strip());
    }
}
