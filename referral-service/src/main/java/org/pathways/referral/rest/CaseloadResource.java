package org.pathways.referral.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
import org.pathways.platform.security.Caller;
import org.pathways.referral.repository.CaseloadRepository;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * "My caseload" (issue 16 item 2, ADR 0056): the people a worker holds - those whose lead worker she is in her
 * organisation, and those of live referrals her organisation received that are assigned to her - with their open and
 * overdue referrals and last activity, and her caseload's size against her organisation's limit. Ids, counts and times.
 */
@Path("/api/caseload")
@Tag(name = "Caseload")
@Produces(MediaType.APPLICATION_JSON)
public class CaseloadResource {

    @Inject
    CaseloadRepository caseloads;

    @Inject
    Caller caller;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LimitView(Integer minimum, int maximum, Instant updatedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseloadView(String userId, UUID organisationId, int size,
            @Schema(description = "Her organisation's caseload per worker (absent: none set)") LimitView limit,
            @Schema(description = "More people than the limit's maximum") boolean overLimit,
            @Schema(description = "Fewer people than the limit's minimum (when one is set)") boolean underLimit,
            List<CaseloadRepository.Person> people) {
    }

    /** The organisation's caseload per worker: maximum (1-500) and an optional minimum (at most the maximum). */
    public record LimitRequest(@Min(0) @Max(500) Integer minimum, @NotNull @Min(1) @Max(500) Integer maximum) {
    }

    @GET
    @RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
    @Transactional
    @Operation(summary = "My caseload: the people I am lead worker for, or hold a received referral of, with open and overdue "
            + "referrals and last activity, most recent first; my size against my organisation's limit")
    @APIResponse(responseCode = "200", description = "Her caseload", content = @Content(schema = @Schema(implementation = CaseloadView.class)))
    public CaseloadView mine() {
        UUID org = caller.requireOrganisation();
        List<CaseloadRepository.Person> people = caseloads.of(org, caller.userId());
        LimitView limit = caseloads.limit(org).map(l -> new LimitView(l.minimum(), l.maximum(), l.updatedAt())).orElse(null);
        int size = people.size();
        return new CaseloadView(caller.userId(), org, size, limit, limit != null && size > limit.maximum(),
                limit != null && limit.minimum() != null && size < limit.minimum(), people);
    }

    @PUT
    @Path("/limit")
    @RolesAllowed(Roles.ORG_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Set your organisation's caseload per worker (e.g. Changing Futures: minimum 7, maximum 12)")
    @APIResponse(responseCode = "200", description = "Set", content = @Content(schema = @Schema(implementation = LimitView.class)))
    @APIResponse(responseCode = "400", description = "maximum missing or out of 1-500, minimum out of 0-500 or above the maximum")
    public LimitView setLimit(@NotNull @Valid LimitRequest body) {
        if (body.minimum() != null && body.minimum() > body.maximum()) {
            throw ProblemException.invalidField("minimum", "must not be above the maximum");
        }
        UUID org = caller.requireOrganisation();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        caseloads.setLimit(org, body.minimum(), body.maximum(), caller.userId(), now);
        return new LimitView(body.minimum(), body.maximum(), now);
    }
}
