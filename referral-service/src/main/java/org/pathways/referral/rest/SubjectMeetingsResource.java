package org.pathways.referral.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.repository.MeetingRepository;
import org.pathways.referral.service.MeetingService;

/** The multi-agency meetings she was discussed at (issue 16 item 3, ADR 0069), for her registering organisation. */
@Path("/api/subjects/{id}/meetings")
@Tag(name = "Multi-agency meetings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class SubjectMeetingsResource {

    @Inject
    MeetingService service;

    @GET
    @Operation(summary = "The meetings she was discussed at, latest first: ids, kinds and dates (her organisation only; not audited)")
    @APIResponse(responseCode = "200", description = "The list",
            content = @Content(schema = @Schema(implementation = MeetingRepository.Listed[].class)))
    @APIResponse(responseCode = "404", description = "Not a person your organisation registered")
    public List<MeetingRepository.Listed> forSubject(@PathParam("id") UUID id) {
        return service.forSubject(id);
    }
}
