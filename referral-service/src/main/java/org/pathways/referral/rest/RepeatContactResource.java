package org.pathways.referral.rest;

import java.net.URI;
import java.time.LocalDate;
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
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.repository.RepeatContactRepository;
import org.pathways.referral.service.RepeatContactService;
import org.pathways.referral.service.RepeatContactService.Channel;

/**
 * Repeat contacts (issue 16 item 8, ADR 0072): her own organisation records her return on her existing record, or links
 * a record registered again to her earlier one; the organisation counts its repeat contacts. Never across organisations.
 */
@Path("/api/subjects/{id}")
@Tag(name = "Repeat contacts")
@Produces(MediaType.APPLICATION_JSON)
public class RepeatContactResource {

    @Inject
    RepeatContactService service;

    public record ContactRequest(@NotNull LocalDate contactedOn, @NotNull Channel channel) {
    }

    public record LinkRequest(@NotNull UUID subjectId) {
    }

    @POST
    @Path("/contacts")
    @RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "She came back: record a repeat contact on her existing record (your organisation's only)")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = RepeatContactRepository.Contact.class)))
    @APIResponse(responseCode = "400", description = "contactedOn missing, not a date or in the future; channel missing or not a code; an unknown field")
    @APIResponse(responseCode = "404", description = "Not a person your organisation registered")
    public Response record(@PathParam("id") UUID id, @NotNull @Valid ContactRequest body) {
        RepeatContactRepository.Contact c = service.record(id, body.contactedOn(), body.channel());
        return Response.created(URI.create("/api/subjects/" + id + "/contacts")).entity(c).build();
    }

    @POST
    @Path("/repeat-of")
    @RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "This record was registered again for a woman your organisation already knew: link it to her earlier record "
            + "(`subjectId`), counted as her return")
    @APIResponse(responseCode = "201", description = "Linked", content = @Content(schema = @Schema(implementation = RepeatContactRepository.Contact.class)))
    @APIResponse(responseCode = "400", description = "subjectId missing, not a UUID, or this same record")
    @APIResponse(responseCode = "404", description = "Either record is not one your organisation registered")
    @APIResponse(responseCode = "409", description = "already-linked (field subjectId)")
    @APIResponse(responseCode = "422", description = "not-earlier: the other record was registered after this one (field subjectId)")
    public Response link(@PathParam("id") UUID id, @NotNull @Valid LinkRequest body) {
        RepeatContactRepository.Contact c = service.link(id, body.subjectId());
        return Response.created(URI.create("/api/subjects/" + c.subjectId() + "/contacts")).entity(c).build();
    }

    @GET
    @Path("/contacts")
    @RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
    @Operation(summary = "Her contacts with your organisation: the earlier record this one repeats (if linked) and every return "
            + "recorded on her earliest record (dates and channels; not audited)")
    @APIResponse(responseCode = "200", description = "Her contacts", content = @Content(schema = @Schema(implementation = RepeatContactService.Contacts.class)))
    @APIResponse(responseCode = "404", description = "Not a person your organisation registered")
    public RepeatContactService.Contacts contacts(@PathParam("id") UUID id) {
        return service.of(id);
    }
}
