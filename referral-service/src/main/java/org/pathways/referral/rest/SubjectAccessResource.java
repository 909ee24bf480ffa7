package org.pathways.referral.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.service.SubjectAccessService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** Subject access request: a privacy officer of her organisation exports everything held about her. */
@Path("/api/subjects/{id}/subject-access-export")
@Tag(name = "Subject access")
@RolesAllowed(Roles.PRIVACY_OFFICER)
public class SubjectAccessResource {

    /** One block of the readable page: a heading and pretty-printed JSON. */
    public record Block(String title, String json) {
    }

    @Inject
    SubjectAccessService service;

    @Inject
    ObjectMapper mapper;

    @Inject
    @Location("subject-access.html")
    Template page;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Everything held about her, as one machine-readable file (privacy officer of her organisation)")
    @APIResponse(responseCode = "200", description = "The export, as an attachment (Content-Disposition)",
            headers = @Header(name = "Content-Disposition"), content = @Content(schema = @Schema(implementation = ApiSchemas.SubjectAccessExport.class)))
    public Response export(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        ObjectNode export = service.export(id, authorization);
        return Response.ok(export).header("Content-Disposition", "attachment; filename=\"subject-access-" + id + ".json\"")
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/page")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The same export as a readable page to print or give to her")
    @APIResponse(responseCode = "200", description = "The export as an HTML page",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Response page(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        ObjectNode export = service.export(id, authorization);
        List<Block> blocks = new ArrayList<>();
        for (String[] part : new String[][] { { "subject", "Her record" }, { "summary", "Her case summary (every version)" },
                { "referrals", "Referrals" }, { "signposts", "Signposts outside the partnership" },
                { "noServiceFound", "Needs no service could meet" }, { "engagements", "Organisations that have worked with her" },
                { "contacts", "Times she came back" }, { "team", "The team around her" }, { "meetings", "Meetings about her" },
                { "wellbeingMeasures", "Wellbeing measures" }, { "equalityMonitoring", "Equality monitoring" },
                { "erasureRequests", "Requests to erase her information" }, { "consents", "Consents" },
                { "accessLog", "Who saw or changed her data" } }) {
            blocks.add(new Block(part[1], pretty(export.path(part[0]))));
            if (part[0].equals("referrals")) blocks.add(new Block("Referrals to the police, MARAC or a SARC", pretty(statutory(export))));
        }
        String html = page.data("exportedAt", export.path("exportedAt").asText()).data("subjectId", id.toString())
                .data("blocks", blocks).render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store").build();
    }

    /**
     * Her referrals to statutory partners (ADR 0091) under their own heading, so she can find what was sent to the police,
     * a MARAC or a SARC (kind, DASH level, criterion, the contact times) without reading every referral.
     */
    private JsonNode statutory(ObjectNode export) {
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode r : export.path("referrals")) {
            if (!r.has("statutory")) continue;
            ObjectNode n = out.addObject();
            n.set("referralId", r.path("id"));
            if (r.has("sentAt")) n.set("sentAt", r.get("sentAt"));
            n.setAll((ObjectNode) r.path("statutory"));
        }
        return out;
    }

    private String pretty(JsonNode node) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not format the export");
        }
    }
}
