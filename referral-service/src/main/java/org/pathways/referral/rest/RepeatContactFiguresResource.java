package org.pathways.referral.rest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.repository.RepeatContactRepository;
import org.pathways.referral.service.RepeatContactService;

/** The organisation's own repeat contact figures (issue 16 item 8, ADR 0072). */
@Path("/api/repeat-contacts")
@Tag(name = "Repeat contacts")
@Produces(MediaType.APPLICATION_JSON)
public class RepeatContactFiguresResource {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Inject
    RepeatContactService service;

    @GET
    @RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN })
    @Operation(summary = "Your organisation's repeat contacts between two UK dates (default: the last year): people contacted, how many "
            + "of them had contacted you before, contacts")
    @APIResponse(responseCode = "200", description = "Counts", content = @Content(schema = @Schema(implementation = RepeatContactRepository.Figures.class)))
    @APIResponse(responseCode = "400", description = "from or to not a date, or from after to")
    public RepeatContactRepository.Figures figures(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate end = date(to, "to", LocalDate.now(LONDON));
        LocalDate start = date(from, "from", end.minusYears(1));
        if (start.isAfter(end)) throw ProblemException.invalidField("from", "must not be after to");
        return service.figures(start, end);
    }

    private static LocalDate date(String value, String field, LocalDate otherwise) {
        if (value == null || value.isBlank()) return otherwise;
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be a date (YYYY-MM-DD)");
        }
    }
}
