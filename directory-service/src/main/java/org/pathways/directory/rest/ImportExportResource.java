package org.pathways.directory.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

import org.pathways.contracts.vocab.Roles;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.service.HsdsImport;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Import an HSDS 3.0 / Open Referral UK feed, and export the whole directory as HSDS JSON. The export is public-safe
 * (the open feed's fully nested services: no confidential address, no non-public contact), so it may be handed on.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class ImportExportResource {

    @Inject
    HsdsImport importer;

    @Inject
    Caller caller;

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    public HsdsImport.Report importFeed(JsonNode feed, @QueryParam("source") String source) {
        caller.requireOrganisation();
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
        return importer.run(feed, source, actor);
    }

    @GET
    @Path("/export")
    @RolesAllowed({Roles.PARTNERSHIP_ADMIN, Roles.ORG_ADMIN})
    public Map<String, Object> export() {
        caller.requireOrganisation();
        List<DirectoryService> services = DirectoryService.list("status = 'active' order by name, id");
        OpenFeedResource.FeedContext ctx = OpenFeedResource.FeedContext.load(services);
        List<Object> out = new ArrayList<>();
        services.forEach(s -> out.add(ctx.service(s, true)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hsds_version", Hsds.VERSION);
        m.put("taxonomies", List.of(Hsds.taxonomy()));
        m.put("organizations", Organisation.<Organisation>list("order by name").stream()
                .map(o -> Hsds.organisation(o, List.of(), List.of(), false)).toList());
        m.put("services", out);
        return m;
    }
}
