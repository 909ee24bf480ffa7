package org.pathways.directory.rest;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.pathways.contracts.vocab.NeedCode;
import org.pathways.directory.config.DirectoryConfig;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Gazetteer;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.domain.ServiceAtLocation;
import org.pathways.directory.service.DirectorySearch;
import org.pathways.directory.service.FeedReads;
import org.pathways.directory.service.FeedSearch;
import org.pathways.directory.service.Geocoder;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;

/**
 * The open feed: Open Referral UK / HSDS 3.0 read API, no authentication, readable from any origin (see
 * {@link OpenFeedCors}). Filtering, ordering and paging happen in SQL ({@link FeedSearch}). Only active services;
 * confidential locations, non-public contacts and capacity (without the organisation's opt-in) are withheld by {@link Hsds}.
 */
@Path("/")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class OpenFeedResource {

    @Inject
    DirectoryConfig config;

    @Inject
    Geocoder geocoder;

    @Inject
    FeedSearch feed;

    @Inject
    FeedReads reads;

    @GET
    @APIResponse(responseCode = "200", description = "The API's HSDS version, profile and OpenAPI address", content = @Content(schema = @Schema(implementation = ApiSchemas.ApiMeta.class)))
    public Map<String, Object> meta(@Context UriInfo uri) {
        String base = "none".equals(config.publicBaseUrl()) ? uri.getBaseUri().toString().replaceAll("/$", "") : config.publicBaseUrl();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", Hsds.VERSION);
        m.put("profile", "https://openreferraluk.org");
        m.put("openapi_url", base + "/q/openapi?format=json");
        return m;
    }

    // ---- services ----

    @GET
    @Path("services")
    @APIResponse(responseCode = "200", description = "A page of active services", content = @Content(schema = @Schema(implementation = ApiSchemas.ServicePage.class)))
    @APIResponse(responseCode = "422", description = "unknown-postcode: the postcode is well formed but not known")
    public Map<String, Object> services(@QueryParam("search") String search, @QueryParam("page") String page,
            @QueryParam("per_page") String perPage, @QueryParam("taxonomy_term_id") String termId,
            @QueryParam("taxonomy_id") String taxonomyId, @QueryParam("organization_id") String organisationId,
            @QueryParam("modified_after") String modifiedAfter, @QueryParam("minimal") String minimal,
            @QueryParam("full") String full, @QueryParam("minimum_age") String minimumAge,
            @QueryParam("maximum_age") String maximumAge, @QueryParam("day") String day,
            @QueryParam("start_time") String startTime, @QueryParam("end_time") String endTime,
            @QueryParam("postcode") String postcode, @QueryParam("proximity") String proximity) {
        int p = Params.page(page);
        int size = Params.perPage(perPage, config.defaultPageSize(), config.maxPageSize());
        boolean isFull = Boolean.TRUE.equals(Params.bool(full, "full"));
        boolean isMinimal = Boolean.TRUE.equals(Params.bool(minimal, "minimal"));
        FeedSearch.Criteria criteria = criteria(search, termId, taxonomyId, organisationId, modifiedAfter, minimumAge, maximumAge,
                day, startTime, endTime, postcode, proximity);
        FeedSearch.Page found = feed.services(criteria, p, size);
        List<DirectoryService> slice = found.ids().isEmpty() ? List.of() : reads.services(found.ids());
        FeedContext ctx = new FeedContext(reads.nested(slice));
        List<Object> contents = new ArrayList<>();
        for (DirectoryService s : slice) {
            if (isMinimal) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id.toString());
                m.put("name", s.name);
                m.put("status", s.status);
                m.put("last_modified", Hsds.timestamp(s.updatedAt));
                contents.add(m);
            } else {
                contents.add(ctx.service(s, isFull));
            }
        }
        return page(found.total(), p, size, contents);
    }

    @GET
    @Path("services/{id}")
    @APIResponse(responseCode = "200", description = "The service, fully nested", content = @Content(schema = @Schema(implementation = ApiSchemas.Service.class)))
    public Map<String, Object> service(@PathParam("id") String id) {
        DirectoryService s = reads.activeService(Params.pathId(id, "Service")).orElseThrow(() -> ProblemException.notFound("Service"));
        return new FeedContext(reads.nested(List.of(s))).service(s, true);
    }

    // ---- service at locations ----

    @GET
    @Path("service_at_locations")
    @APIResponse(responseCode = "200", description = "A page of services at locations", content = @Content(schema = @Schema(implementation = ApiSchemas.ServiceAtLocationPage.class)))
    @APIResponse(responseCode = "422", description = "unknown-postcode: the postcode is well formed but not known")
    public Map<String, Object> serviceAtLocations(@QueryParam("search") String search, @QueryParam("page") String page,
            @QueryParam("per_page") String perPage, @QueryParam("taxonomy_term_id") String termId,
            @QueryParam("taxonomy_id") String taxonomyId, @QueryParam("organization_id") String organisationId,
            @QueryParam("modified_after") String modifiedAfter, @QueryParam("full") String full,
            @QueryParam("postcode") String postcode, @QueryParam("proximity") String proximity) {
        int p = Params.page(page);
        int size = Params.perPage(perPage, config.defaultPageSize(), config.maxPageSize());
        boolean isFull = Boolean.TRUE.equals(Params.bool(full, "full"));
        FeedSearch.Criteria criteria = criteria(search, termId, taxonomyId, organisationId, modifiedAfter, null, null, null, null,
                null, postcode, proximity);
        FeedSearch.Page found = feed.serviceAtLocations(criteria, p, size);
        List<ServiceAtLocation> slice = found.ids().isEmpty() ? List.of() : reads.serviceAtLocations(found.ids());
        Map<UUID, DirectoryService> byId = slice.isEmpty() ? Map.of()
                : reads.services(slice.stream().map(l -> l.serviceId).distinct().toList()).stream()
                        .collect(Collectors.toMap(s -> s.id, Function.identity()));
        FeedContext ctx = new FeedContext(reads.nested(slice.stream().map(l -> byId.get(l.serviceId)).distinct().toList()));
        List<Object> contents = slice.stream().map(l -> (Object) ctx.serviceAtLocation(l, byId.get(l.serviceId), isFull)).toList();
        return page(found.total(), p, size, contents);
    }

    @GET
    @Path("service_at_locations/{id}")
    @APIResponse(responseCode = "200", description = "The service at a location", content = @Content(schema = @Schema(implementation = ApiSchemas.ServiceAtLocation.class)))
    public Map<String, Object> serviceAtLocation(@PathParam("id") String id) {
        ServiceAtLocation l = reads.serviceAtLocation(Params.pathId(id, "Service at location"))
                .orElseThrow(() -> ProblemException.notFound("Service at location"));
        DirectoryService s = reads.activeService(l.serviceId).orElseThrow(() -> ProblemException.notFound("Service at location"));
        return new FeedContext(reads.nested(List.of(s))).serviceAtLocation(l, s, true);
    }

    // ---- organisations ----

    @GET
    @Path("organizations")
    @APIResponse(responseCode = "200", description = "A page of organisations", content = @Content(schema = @Schema(implementation = ApiSchemas.OrganizationPage.class)))
    public Map<String, Object> organisations(@QueryParam("search") String search, @QueryParam("page") String page,
            @QueryParam("per_page") String perPage, @QueryParam("full") String full) {
        int p = Params.page(page);
        int size = Params.perPage(perPage, config.defaultPageSize(), config.maxPageSize());
        boolean isFull = Boolean.TRUE.equals(Params.bool(full, "full"));
        String text = null;
        if (search != null && !search.isBlank()) {
            if (search.length() > 200) throw ProblemException.invalidField("search", "is too long");
            text = search;
        }
        FeedSearch.Page found = feed.organisations(text, p, size);
        List<Organisation> slice = found.ids().isEmpty() ? List.of() : reads.organisations(found.ids());
        // The page's public organisation-level contacts and locations in two queries, not two per organisation.
        FeedReads.Organisations nested = isFull ? reads.nestedOrganisations(found.ids()) : new FeedReads.Organisations(Map.of(), Map.of());
        List<Object> contents = slice.stream().map(o -> (Object) Hsds.organisation(o, nested.contacts().getOrDefault(o.id, List.of()),
                nested.locations().getOrDefault(o.id, List.of()), isFull)).toList();
        return page(found.total(), p, size, contents);
    }

    @GET
    @Path("organizations/{id}")
    @APIResponse(responseCode = "200", description = "The organisation, fully nested", content = @Content(schema = @Schema(implementation = ApiSchemas.Organization.class)))
    public Map<String, Object> organisation(@PathParam("id") String id) {
        Organisation o = reads.organisation(Params.pathId(id, "Organization")).orElseThrow(() -> ProblemException.notFound("Organization"));
        FeedReads.Organisations nested = reads.nestedOrganisations(List.of(o.id));
        return Hsds.organisation(o, nested.contacts().getOrDefault(o.id, List.of()), nested.locations().getOrDefault(o.id, List.of()), true);
    }

    // ---- taxonomies ----

    @GET
    @Path("taxonomies")
    @APIResponse(responseCode = "200", description = "The needs taxonomy", content = @Content(schema = @Schema(implementation = ApiSchemas.TaxonomyPage.class)))
    public Map<String, Object> taxonomies(@QueryParam("page") String page, @QueryParam("per_page") String perPage) {
        int p = Params.page(page);
        int size = Params.perPage(perPage, config.defaultPageSize(), config.maxPageSize());
        return page(1, p, size, slice(List.<Object>of(Hsds.taxonomy()), p, size));
    }

    @GET
    @Path("taxonomies/{id}")
    @APIResponse(responseCode = "200", description = "The needs taxonomy", content = @Content(schema = @Schema(implementation = ApiSchemas.Taxonomy.class)))
    public Map<String, Object> taxonomy(@PathParam("id") String id) {
        if (!Hsds.NEEDS_TAXONOMY_ID.equals(Params.pathId(id, "Taxonomy"))) throw ProblemException.notFound("Taxonomy");
        return Hsds.taxonomy();
    }

    @GET
    @Path("taxonomy_terms")
    @APIResponse(responseCode = "200", description = "A page of need codes", content = @Content(schema = @Schema(implementation = ApiSchemas.TaxonomyTermPage.class)))
    public Map<String, Object> taxonomyTerms(@QueryParam("page") String page, @QueryParam("per_page") String perPage,
            @QueryParam("taxonomy_id") String taxonomyId, @QueryParam("parent_id") String parentId,
            @QueryParam("top_only") String topOnly, @QueryParam("search") String search) {
        int p = Params.page(page);
        int size = Params.perPage(perPage, config.defaultPageSize(), config.maxPageSize());
        requireKnownTaxonomy(taxonomyId);
        UUID parent = Params.queryId(parentId, "parent_id");
        if (parent != null && termById(parent).isEmpty()) throw ProblemException.invalidField("parent_id", "unknown taxonomy term");
        boolean top = Boolean.TRUE.equals(Params.bool(topOnly, "top_only"));
        String text = search == null || search.isBlank() ? null : search.trim().toLowerCase(Locale.ROOT);
        List<NeedCode> terms = Arrays.stream(NeedCode.values())
                .filter(n -> !top || n.isTopLevel())
                .filter(n -> parent == null || (n.parent() != null && Hsds.termId(n.parent()).equals(parent)))
                .filter(n -> text == null || n.code().contains(text) || n.label().toLowerCase(Locale.ROOT).contains(text))
                .toList();
        List<Object> contents = slice(terms, p, size).stream().map(n -> (Object) Hsds.term(n, false)).toList();
        return page(terms.size(), p, size, contents);
    }

    @GET
    @Path("taxonomy_terms/{id}")
    @APIResponse(responseCode = "200", description = "One need code", content = @Content(schema = @Schema(implementation = ApiSchemas.TaxonomyTerm.class)))
    public Map<String, Object> taxonomyTerm(@PathParam("id") String id) {
        return Hsds.term(termById(Params.pathId(id, "Taxonomy term")).orElseThrow(() -> ProblemException.notFound("Taxonomy term")),
                true);
    }

    // ---- filtering ----

    /** Validates the open-feed filters (bad input: 400/422 problem) into SQL criteria. */
    private FeedSearch.Criteria criteria(String search, String termId, String taxonomyId, String organisationId,
            String modifiedAfter, String minimumAge, String maximumAge, String day, String startTime, String endTime,
            String postcode, String proximity) {
        requireKnownTaxonomy(taxonomyId);
        Set<String> needs = null;
        if (termId != null && !termId.isBlank()) {
            NeedCode need = termFromParam(termId.trim())
                    .orElseThrow(() -> ProblemException.invalidField("taxonomy_term_id", "unknown taxonomy term"));
            needs = DirectorySearch.expand(need);
        }
        UUID org = Params.queryId(organisationId, "organization_id");
        if (org != null && reads.organisation(org).isEmpty()) {
            throw ProblemException.invalidField("organization_id", "unknown organization");
        }
        OffsetDateTime after = modifiedAfter == null || modifiedAfter.isBlank() ? null : instant(modifiedAfter.trim());
        Integer minAge = Params.integer(minimumAge, "minimum_age", 0, 120);
        Integer maxAge = Params.integer(maximumAge, "maximum_age", 0, 120);
        String text = null;
        if (search != null && !search.isBlank()) {
            if (search.length() > 200) throw ProblemException.invalidField("search", "is too long");
            text = search;
        }
        String byday = day == null || day.isBlank() ? null : dayCode(day.trim());
        LocalTime start = time(startTime, "start_time");
        LocalTime end = time(endTime, "end_time");
        FeedSearch.Near near = postcode == null || postcode.isBlank() ? null : near(postcode, proximity);
        return new FeedSearch.Criteria(needs, org, after, minAge, maxAge, text, byday, start, end, near);
    }

    /**
     * A postcode search: services whose service area covers the postcode's area, or with a public location within
     * {@code proximity} metres, nearest public location first (see {@link FeedSearch}).
     */
    private FeedSearch.Near near(String postcode, String proximity) {
        String pc = Gazetteer.normalisePostcode(postcode)
                .orElseThrow(() -> ProblemException.invalidField("postcode", "must be a UK postcode or postcode district"));
        Integer metres = Params.integer(proximity, "proximity", 1, 1_000_000);
        Geocoder.Point point = geocoder.locate(pc).orElseThrow(() -> ProblemException.unprocessable("unknown-postcode",
                "The postcode could not be located.", List.of(new Problem.FieldError("postcode", "unknown postcode"))));
        return new FeedSearch.Near(point.latitude(), point.longitude(), (metres == null ? 5000 : metres) / 1000.0, point.area());
    }

    private static void requireKnownTaxonomy(String taxonomyId) {
        if (taxonomyId == null || taxonomyId.isBlank()) return;
        UUID id = Params.queryId(taxonomyId, "taxonomy_id");
        if (!Hsds.NEEDS_TAXONOMY_ID.equals(id)) throw ProblemException.invalidField("taxonomy_id", "unknown taxonomy");
    }

    private static Optional<NeedCode> termById(UUID id) {
        return Arrays.stream(NeedCode.values()).filter(n -> Hsds.termId(n).equals(id)).findFirst();
    }

    /** A term id (UUID) or, for convenience, a need code. */
    private static Optional<NeedCode> termFromParam(String raw) {
        try {
            return termById(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            return Arrays.stream(NeedCode.values()).filter(n -> n.code().equals(raw)).findFirst();
        }
    }

    private static OffsetDateTime instant(String raw) {
        try {
            return OffsetDateTime.parse(raw);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(raw).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ProblemException.invalidField("modified_after", "must be an ISO 8601 date or date-time");
            }
        }
    }

    private static LocalTime time(String raw, String field) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return LocalTime.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be a time such as 10:00");
        }
    }

    private static String dayCode(String raw) {
        String d = raw.toUpperCase(Locale.ROOT);
        for (String code : List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU")) {
            if (d.equals(code)) return code;
        }
        for (java.time.DayOfWeek w : java.time.DayOfWeek.values()) {
            if (w.name().equals(d)) return w.name().substring(0, 2);
        }
        throw ProblemException.invalidField("day", "must be a day such as MO or Monday");
    }

    private static <T> List<T> slice(List<T> all, int page, int size) {
        int from = (int) Math.min((long) (page - 1) * size, all.size());
        return all.subList(from, Math.min(from + size, all.size()));
    }

    private static Map<String, Object> page(long total, int page, int size, List<Object> contents) {
        int pages = (int) ((total + size - 1) / size);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_items", total);
        m.put("total_pages", pages);
        m.put("page_number", page);
        m.put("size", contents.size());
        m.put("first_page", page == 1);
        m.put("last_page", page >= pages);
        m.put("empty", contents.isEmpty());
        m.put("contents", contents);
        return m;
    }

    /** Renders a page of services (and their links) as HSDS from what {@link FeedReads#nested} loaded. */
    record FeedContext(FeedReads.Services rows) {

        Map<String, Object> service(DirectoryService s, boolean full) {
            List<ServiceAtLocation> sal = rows.links().getOrDefault(s.id, List.of());
            Map<UUID, UUID> salIds = new LinkedHashMap<>();
            sal.forEach(l -> salIds.put(l.locationId, l.id));
            return Hsds.service(s, rows.orgs().get(s.organisationId), sal.stream().map(l -> rows.locations().get(l.locationId)).toList(),
                    salIds, rows.contacts().getOrDefault(s.id, List.of()), full);
        }

        Map<String, Object> serviceAtLocation(ServiceAtLocation l, DirectoryService s, boolean full) {
            Map<String, Object> m = Hsds.serviceAtLocation(l.id, s.id, rows.locations().get(l.locationId));
            if (full) m.put("service", service(s, false));
            return m;
        }
    }
}
