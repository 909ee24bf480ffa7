package org.pathways.referral.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.rest.Dtos.Handover;
import org.pathways.referral.rest.Dtos.RegisterSubject;
import org.pathways.referral.rest.Dtos.Restriction;
import org.pathways.referral.rest.Dtos.SubjectView;
import org.pathways.referral.service.SubjectService;

/** Subjects: a person under an opaque id, owned by the organisation that registered her. Others get 404. */
@Path("/api/subjects")
@Tag(name = "Subjects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class SubjectResource {

    @Inject
    SubjectService service;

    @POST
    @Operation(summary = "Register a person under a new opaque id (no lookup, no matching across organisations)")
    @APIResponse(responseCode = "201", description = "Registered: Location names her record, ETag is its version",
            headers = { @Header(name = "Location"), @Header(name = "ETag") }, content = @Content(schema = @Schema(implementation = SubjectView.class)))
    @APIResponse(responseCode = "503", description = "Keycloak is unavailable to check a named lead worker")
    public Response register(@Valid RegisterSubject body) {
        RegisterSubject b = body == null ? new RegisterSubject(null, null) : body;
        Subject s = service.register(b.leadWorkerId(), Boolean.TRUE.equals(b.restricted()));
        return Response.created(URI.create("/api/subjects/" + s.id())).tag(Long.toString(s.version()))
                .entity(SubjectView.of(s)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One subject of the caller's organisation")
    @APIResponse(responseCode = "200", description = "Her record; ETag is its version", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = SubjectView.class)))
    public Response get(@PathParam("id") UUID id) {
        Subject s = service.get(id);
        return Response.ok(SubjectView.of(s)).tag(Long.toString(s.version())).build();
    }

    @PUT
    @Path("/{id}/lead-worker")
    @Operation(summary = "Handover: make another worker her lead worker (If-Match: the subject's version)")
    @APIResponse(responseCode = "200", description = "Handed over; ETag is the new version", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = SubjectView.class)))
    @APIResponse(responseCode = "409", description = "stale-version: If-Match names an older version")
    @APIResponse(responseCode = "503", description = "Keycloak is unavailable to check the new lead worker")
    public Response handover(@PathParam("id") UUID id, @Valid @NotNull Handover body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Subject s = service.changeLeadWorker(id, body.leadWorkerId(), Versions.ifMatch(ifMatch));
        return Response.ok(SubjectView.of(s)).tag(Long.toString(s.version())).build();
    }

    @PUT
    @Path("/{id}/restricted")
    @Operation(summary = "Mark or unmark her case as restricted (If-Match: the subject's version)")
    @APIResponse(responseCode = "200", description = "Changed; ETag is the new version", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = SubjectView.class)))
    @APIResponse(responseCode = "409", description = "stale-version: If-Match names an older version")
    public Response restrict(@PathParam("id") UUID id, @Valid @NotNull Restriction body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Subject s = service.changeRestricted(id, body.restricted(), Versions.ifMatch(ifMatch));
        return Response.ok(SubjectView.of(s)).tag(Long.toString(s.version())).build();
    }
}
