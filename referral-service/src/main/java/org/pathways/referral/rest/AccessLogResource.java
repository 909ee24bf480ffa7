package org.pathways.referral.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.domain.AuditRecord;
import org.pathways.referral.rest.Dtos.AccessLog;
import org.pathways.referral.rest.Dtos.AccessLogEntry;
import org.pathways.referral.service.AccessLogService;

/**
 * The person's access log: who read or changed which part of her data, when, on what basis. For her organisation to
 * show her, and for privacy officers (for now: of her organisation).
 */
@Path("/api/subjects/{id}/access-log")
@Tag(name = "Access log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.PRIVACY_OFFICER })
public class AccessLogResource {

    @Inject
    AccessLogService service;

    @GET
    @Operation(summary = "Every read and change of her data, oldest first (page with after = the last seq you saw); "
            + "an entry shows at once, its chainSeq once the hash chain has reached it")
    public AccessLog log(@PathParam("id") UUID id, @QueryParam("after") @DefaultValue("0") String afterParam,
            @QueryParam("limit") @DefaultValue("200") String limitParam) {
        // Parsed here so a malformed value is a 400 naming the parameter (JAX-RS would answer 404).
        long after = number("after", afterParam, 0, Long.MAX_VALUE);
        int limit = (int) number("limit", limitParam, 1, 1000);
        List<AuditRecord> rows = service.forSubject(id, after, limit);
        Long next = rows.size() == limit ? rows.get(rows.size() - 1).entryNo() : null;
        return new AccessLog(id, rows.stream().map(AccessLogEntry::of).toList(), next);
    }

    private static long number(String name, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ProblemException.invalidField(name, "must be a whole number from " + min + " to " + max);
    }
}
