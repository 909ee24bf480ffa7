package org.pathways.consent.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.pathways.consent.repository.AuditRepository.Entry;
import org.pathways.consent.rest.Views.AccessLogEntryView;
import org.pathways.consent.rest.Views.AccessLogView;
import org.pathways.consent.service.AccessLogService;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;

/**
 * Who read her consents, receipts and overrides, when and on which basis (ADR 0026): for privacy officers of the
 * organisation that registered her; other roles 403, everyone else the unknown subject's 404. Ids and codes only.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class AccessLogResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    @Inject
    AccessLogService service;

    @GET
    @Path("/subjects/{subjectId}/access-log")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    public AccessLogView log(@PathParam("subjectId") UUID subjectId, @QueryParam("before") String beforeParam,
                             @QueryParam("limit") String limitParam) {
        // Parsed here so a malformed value is a 400 naming the parameter (JAX-RS would answer 404).
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        // Both checked before answering, so one 400 names every bad parameter.
        long before = beforeParam == null ? Long.MAX_VALUE : number("before", beforeParam, 1, Long.MAX_VALUE, errors);
        long limit = limitParam == null ? DEFAULT_LIMIT : number("limit", limitParam, 1, MAX_LIMIT, errors);
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some paging parameters are invalid.", errors);
        List<Entry> entries = service.page(subjectId, before, (int) limit);
        Long next = entries.size() == limit ? entries.get(entries.size() - 1).entryNo() : null;
        return new AccessLogView(subjectId, entries.stream().map(AccessLogEntryView::of).toList(), next);
    }

    /** The value, or (reported in {@code errors}) {@code min}, which is never used: the caller answers 400. */
    private static long number(String name, String value, long min, long max, List<Problem.FieldError> errors) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError(name, "must be a whole number from " + min + " to " + max));
        return min;
    }
}
