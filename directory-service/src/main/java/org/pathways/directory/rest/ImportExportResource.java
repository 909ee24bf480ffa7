package org.pathways.directory.rest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.pathways.contracts.vocab.Roles;
import org.pathways.directory.domain.Contact;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.domain.Partnership;
import org.pathways.directory.domain.PartnershipMember;
import org.pathways.directory.service.FeedReads;
import org.pathways.directory.service.HsdsImport;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Import an HSDS 3.0 / Open Referral UK feed, and export the whole directory as HSDS JSON. The export is public-safe
 * unless the confidential export is asked for (see {@link #export}).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class ImportExportResource {

    @Inject
    HsdsImport importer;

    @Inject
    FeedReads feedReads;

    @Inject
    Caller caller;

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PARTNERSHIP_ADMIN, Roles.ORG_ADMIN})
    @RequestBody(required = true, description = "An HSDS feed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiSchemas.ImportFeed.class)))
    public HsdsImport.Report importFeed(JsonNode feed, @QueryParam("source") String source) {
        UUID org = caller.requireOrganisation();
        if (feed == null) throw ProblemException.invalidField("(body)", "an HSDS feed is required");
        if (source != null && !source.matches("^[A-Za-z0-9._-]{1,50}$")) {
            throw ProblemException.invalidField("source", "must be a short name (letters, digits, . _ -)");
        }
        UUID actor;
        try {
            actor = UUID.fromString(caller.userId());
        } catch (RuntimeException e) {
            actor = null;
        }
        return importer.run(feed, source, actor, importScope(org));
    }

    /**
     * Whom an import may write for (ADR 0015), from the directory's own membership data: her own organisation; for a
     * partnership admin also the LEAD and MEMBER organisations of each partnership in which hers is LEAD or MEMBER
     * (a reporting partner administers nobody's services).
     */
    private HsdsImport.Scope importScope(UUID org) {
        Set<UUID> scope = new HashSet<>();
        scope.add(org);
        boolean partnershipAdmin = caller.hasRole(Roles.PARTNERSHIP_ADMIN);
        if (partnershipAdmin) {
            for (PartnershipMember mine : PartnershipMember.<PartnershipMember>list("organisationId", org)) {
                if (mine.role == PartnershipMember.Role.REPORTING) continue;
                PartnershipMember.<PartnershipMember>list("partnershipId", mine.partnershipId).stream()
                        .filter(m -> m.role != PartnershipMember.Role.REPORTING).forEach(m -> scope.add(m.organisationId));
            }
            // What her organisation's own imports brought in stays hers to keep current by import (and nobody else's).
            Organisation.<Organisation>list("importedByOrganisationId", org).forEach(o -> scope.add(o.id));
        }
        return new HsdsImport.Scope(org, scope, partnershipAdmin);
    }

    /**
     * The whole directory as HSDS JSON with the {@code pathways} extension (see {@link HsdsExport}). Public-safe by
     * default, so it may be handed on. {@code confidential=true} adds the confidential details (SPOCs, capacity, a
     * confidential location's address, non-public contacts) of the organisations in the caller's scope: an org-admin's
     * own organisation; for a partnership-admin also every member of the partnerships its organisation leads.
     */
    @GET
    @Path("/export")
    @RolesAllowed({Roles.PARTNERSHIP_ADMIN, Roles.ORG_ADMIN})
    @APIResponse(responseCode = "200", description = "The directory as HSDS with the pathways extension", content = @Content(schema = @Schema(implementation = ApiSchemas.Export.class)))
    public Map<String, Object> export(@QueryParam("confidential") String confidential) {
        UUID org = caller.requireOrganisation();
        boolean withConfidential = Boolean.TRUE.equals(Params.bool(confidential, "confidential"));
        Set<UUID> scope = withConfidential ? scope(org) : Set.of();
        List<DirectoryService> services = DirectoryService.list("status = 'active' order by name, id");
        OpenFeedResource.FeedContext ctx = new OpenFeedResource.FeedContext(feedReads.nested(services));
        Map<UUID, List<Contact>> hidden = new HashMap<>();
        if (!scope.isEmpty()) {
            Contact.<Contact>list("isPublic = false and serviceId is not null and organisationId in ?1 order by id", scope)
                    .forEach(c -> hidden.computeIfAbsent(c.serviceId, k -> new ArrayList<>()).add(c));
        }
        List<Object> out = new ArrayList<>();
        services.forEach(s -> out.add(HsdsExport.service(ctx, s, scope.contains(s.organisationId),
                hidden.getOrDefault(s.id, List.of()))));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hsds_version", Hsds.VERSION);
        if (withConfidential) {
            m.put("pathways_export", Map.of("confidential", true, "organisations_in_scope",
                    scope.stream().map(UUID::toString).sorted().toList()));
        }
        m.put("taxonomies", List.of(Hsds.taxonomy()));
        m.put("organizations", Organisation.<Organisation>list("order by name").stream()
                .map(o -> Hsds.organisation(o, List.of(), List.of(), false)).toList());
        m.put("services", out);
        return m;
    }

    private Set<UUID> scope(UUID org) {
        Set<UUID> scope = new HashSet<>();
        if (caller.hasRole(Roles.ORG_ADMIN)) scope.add(org);
        if (caller.hasRole(Roles.PARTNERSHIP_ADMIN)) {
            scope.add(org);
            for (Partnership p : Partnership.<Partnership>list("leadOrganisationId", org)) {
                PartnershipMember.<PartnershipMember>list("partnershipId", p.id).forEach(m -> scope.add(m.organisationId));
            }
        }
        return scope;
    }
}
