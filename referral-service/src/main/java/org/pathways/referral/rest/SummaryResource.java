package org.pathways.referral.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.domain.SectionVersion;
import org.pathways.referral.domain.section.SectionContent;
import org.pathways.referral.domain.section.SectionTypes;
import org.pathways.referral.rest.Dtos.ContactFlags;
import org.pathways.referral.rest.Dtos.SectionView;
import org.pathways.referral.rest.Dtos.SectionWritten;
import org.pathways.referral.rest.Dtos.SummaryView;
import org.pathways.referral.service.SubjectSummaryService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Her shared case summary, as her own organisation sees it. Each section is written on its own (a new version each
 * time, If-Match to refuse a stale write) and every read and write is audited. Other organisations get 404.
 */
@Path("/api/subjects/{id}/summary")
@Tag(name = "Case summary")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR })
public class SummaryResource {

    @Inject
    SubjectSummaryService service;

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @GET
    @Operation(summary = "The latest version of every section (audited)")
    public SummaryView summary(@PathParam("id") UUID id) {
        List<SubjectSummaryService.Section> sections = service.summary(id);
        ContactFlags flags = null;
        for (SubjectSummaryService.Section s : sections) {
            if (s.meta().category() == DataCategory.SAFE_CONTACT) {
                JsonNode c = s.content();
                flags = new ContactFlags(c.path("doNotContact").asBoolean(false), c.path("contactViaNamedWorkerOnly").asBoolean(false),
                        c.hasNonNull("namedWorkerId") ? c.get("namedWorkerId").asText() : null);
            }
        }
        return new SummaryView(id, flags, sections.stream().map(SectionView::of).toList());
    }

    @GET
    @Path("/sections/{category}")
    @Operation(summary = "The latest version of one section (audited)")
    @APIResponse(responseCode = "200", description = "The latest version; ETag is its number", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = SectionView.class)))
    public Response section(@PathParam("id") UUID id, @PathParam("category") String category) {
        SubjectSummaryService.Section s = service.read(id, category(category));
        return Response.ok(SectionView.of(s)).tag(Integer.toString(s.meta().version())).build();
    }

    @PUT
    @Path("/sections/{category}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write a new version of one section (If-Match: the version you read; \"0\" to create only)")
    @RequestBody(required = true, description = "The section's typed JSON: the schema of the path's category",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.AnySection.class)))
    @APIResponse(responseCode = "200", description = "Written; ETag is the new version", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = SectionWritten.class)))
    @APIResponse(responseCode = "409", description = "stale-version: If-Match names an older version (\"0\": the section exists)")
    public Response write(@PathParam("id") UUID id, @PathParam("category") String category, JsonNode body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) throws JsonProcessingException {
        DataCategory c = category(category);
        if (body == null || !body.isObject()) {
            throw ProblemException.invalidField("(body)", "must be a JSON object with the " + c.code() + " section's fields");
        }
        // Unknown fields and wrong types are refused by Jackson (problem+json naming the field, never its value).
        SectionContent content = mapper.treeToValue(body, SectionTypes.typeOf(c));
        validate(content);
        Long expected = Versions.ifMatch(ifMatch);
        if (expected != null && expected > Integer.MAX_VALUE) throw ProblemException.invalidField("If-Match", "is not a version of this section");
        SectionVersion v = service.write(id, c, content, expected == null ? null : expected.intValue());
        return Response.ok(SectionWritten.of(v)).tag(Integer.toString(v.version())).build();
    }

    @GET
    @Path("/sections/{category}/versions")
    @Operation(summary = "Who wrote which version of one section, and when (no content)")
    public List<SectionWritten> versions(@PathParam("id") UUID id, @PathParam("category") String category) {
        return service.history(id, category(category)).stream().map(SectionWritten::of).toList();
    }

    @GET
    @Path("/sections/{category}/versions/{version}")
    @Operation(summary = "One earlier version of one section (audited)")
    @APIResponse(responseCode = "200", description = "That version; ETag is its number", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = SectionView.class)))
    public Response version(@PathParam("id") UUID id, @PathParam("category") String category, @PathParam("version") int version) {
        SubjectSummaryService.Section s = service.readVersion(id, category(category), version);
        return Response.ok(SectionView.of(s)).tag(Integer.toString(s.meta().version())).build();
    }

    /** A category code in the path, case-insensitive (safe_contact or SAFE_CONTACT); 400 listing the codes otherwise. */
    static DataCategory category(String code) {
        try {
            return DataCategory.fromCode(code == null ? null : code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("category", e.getMessage());
        }
    }

    private void validate(SectionContent content) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<ConstraintViolation<SectionContent>> violations = validator.validate(content);
        for (ConstraintViolation<SectionContent> v : violations) {
            errors.add(new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()));
        }
        for (String[] e : SectionTypes.extraErrors(content)) {
            errors.add(new Problem.FieldError(e[0], e[1]));
        }
        if (!errors.isEmpty()) {
            errors.sort((a, b) -> a.field().compareTo(b.field()));
            throw new ProblemException(Problem.of(400, "validation", "Invalid request", "Some fields are missing or invalid.")
                    .withErrors(errors));
        }
    }
}
