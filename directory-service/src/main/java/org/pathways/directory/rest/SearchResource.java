package org.pathways.directory.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.pathways.contracts.vocab.EligibilityCode;
import org.pathways.contracts.vocab.NeedCode;
import org.pathways.contracts.vocab.Roles;
import org.pathways.directory.api.ServiceView;
import org.pathways.directory.api.WriteRequests;
import org.pathways.directory.config.DirectoryConfig;
import org.pathways.directory.domain.Gazetteer;
import org.pathways.directory.service.DirectoryReads;
import org.pathways.directory.service.DirectorySearch;
import org.pathways.directory.service.Geocoder;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;

/** Referral search: the services a caseworker may refer her to, by need, place, language and eligibility. */
@Path("/api")
@Transactional // one unit of work per request: a write, its outbox event and the view returned
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    Caller caller;
    @Inject
    DirectorySearch search;
    @Inject
    DirectoryReads reads;
    @Inject
    DirectoryConfig config;
    @Inject
    Geocoder geocoder;

    public record SearchPage(long totalItems, int totalPages, int pageNumber, int size, List<ServiceView> contents) {
    }

    @GET
    @Path("/search")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN})
    @Transactional
    @APIResponse(responseCode = "422", description = "unknown-postcode: the postcode is well formed but not known")
    @APIResponse(responseCode = "200", description = "A page of matching services", content = @Content(schema = @Schema(implementation = SearchPage.class)))
    public SearchPage search(@QueryParam("need") List<String> needs, @QueryParam("match") String match,
            @QueryParam("language") String language, @QueryParam("interpreter") String interpreter,
            @QueryParam("age") String age, @QueryParam("gender") String gender, @QueryParam("nrpf") String nrpf,
            @QueryParam("eligibility") List<String> eligibility, @QueryParam("area") String area, @QueryParam("postcode") String postcode, @QueryParam("lat") String lat,
            @QueryParam("lon") String lon, @QueryParam("capacity") String capacity,
            @QueryParam("q") String text, @QueryParam("referredBy") String referredBy, @QueryParam("scope") String scope,
            @QueryParam("page") String page, @QueryParam("per_page") String perPage) {
        UUID org = caller.requireOrganisation();
        List<NeedCode> codes = new ArrayList<>();
        List<Problem.FieldError> bad = new ArrayList<>();
        for (String raw : needs == null ? List.<String>of() : needs) {
            for (String c : raw.split(",")) {
                if (c.isBlank()) continue;
                try {
                    codes.add(NeedCode.fromCode(c.trim()));
                } catch (IllegalArgumentException e) {
                    bad.add(new Problem.FieldError("need", "unknown need code"));
                }
            }
        }
        if (!bad.isEmpty()) throw ProblemException.badRequest("Unknown need code; see GET /taxonomy_terms.", bad);
        Set<String> facts = new java.util.TreeSet<>();
        for (String raw : eligibility == null ? List.<String>of() : eligibility) {
            for (String c : raw.split(",")) {
                if (c.isBlank()) continue;
                try {
                    facts.add(EligibilityCode.fromCode(c.trim()).code());
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalidField("eligibility", "must be eligibility codes: nrpf, ddvc-eligible");
                }
            }
        }
        // nrpf=true, from before the facts, asks for the same fact (ADR 0063).
        if (Boolean.TRUE.equals(Params.bool(nrpf, "nrpf"))) facts.add(EligibilityCode.NRPF.code());
        boolean all = switch (match == null ? "any" : match) {
            case "any" -> false;
            case "all" -> true;
            default -> throw ProblemException.invalidField("match", "must be any or all");
        };
        if (language != null && !language.matches(WriteRequests.LANGUAGE)) {
            throw ProblemException.invalidField("language", "must be an ISO 639 code such as ur");
        }
        boolean woman = switch (gender == null ? "woman" : gender) {
            case "woman" -> true;
            case "man", "other" -> false;
            default -> throw ProblemException.invalidField("gender", "must be woman, man or other");
        };
        String place = area == null || area.isBlank() ? null : area.trim();
        if (place != null && place.length() > 100) throw ProblemException.invalidField("area", "is too long");
        if (place != null && Gazetteer.area(place).isEmpty()) {
            // An unknown place used to find nothing, silently (issue 14, finding 10; ADR 0016).
            throw ProblemException.unprocessable("unknown-place", "The directory does not know this place.",
                    List.of(new Problem.FieldError("area", Gazetteer.KNOWN_PLACES)));
        }
        DirectorySearch.Near near = near(lat, lon, postcode);
        if (postcode != null && !postcode.isBlank()) {
            // Through the geocoder (the configured API, else the offline gazetteer): the point ranks by distance and
            // its area still restricts the results to services covering her area, as before (ADR 0014).
            String pc = Gazetteer.normalisePostcode(postcode)
                    .orElseThrow(() -> ProblemException.invalidField("postcode", "must be a UK postcode or postcode district"));
            Geocoder.Point point = geocoder.locate(pc).filter(pt -> pt.area() != null)
                    .orElseThrow(() -> ProblemException.unprocessable("unknown-postcode",
                            "The postcode's area is not known to the directory's gazetteer.",
                            List.of(new Problem.FieldError("postcode", "unknown postcode area"))));
            if (place == null) place = point.area();
            near = new DirectorySearch.Near(point.latitude(), point.longitude());
        }
        DirectorySearch.CapacityMode mode = switch (capacity == null ? "rank" : capacity) {
            case "rank" -> DirectorySearch.CapacityMode.RANK;
            case "hide" -> DirectorySearch.CapacityMode.HIDE;
            default -> throw ProblemException.invalidField("capacity", "must be rank or hide");
        };
        DirectorySearch.ReferredBy by = null;
        if (referredBy != null) {
            try {
                by = DirectorySearch.ReferredBy.valueOf(referredBy.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("referredBy", "must be partner, professional or self");
            }
        }
        if (text != null && text.length() > 200) throw ProblemException.invalidField("q", "is too long");
        Set<UUID> partners = reads.agreementPartners(org);
        Set<UUID> only = switch (scope == null ? "all" : scope) {
            case "all" -> null;
            case "partnership" -> partners;
            default -> throw ProblemException.invalidField("scope", "must be all or partnership");
        };
        int p = Params.page(page);
        int size = Params.perPage(perPage, config.defaultPageSize(), config.maxPageSize());
        DirectorySearch.Page result = search.search(new DirectorySearch.Criteria(codes, all, language,
                Boolean.TRUE.equals(Params.bool(interpreter, "interpreter")), Params.integer(age, "age", 0, 120), woman,
                facts, place, mode, text == null || text.isBlank() ? null : text, by, only, near, p, size));
        List<ServiceView> views = reads.views(result.serviceIds(), codes.isEmpty() ? null : result.expandedNeeds(), partners);
        if (near != null) views = withDistances(views, result.distancesKm());
        int pages = (int) ((result.total() + size - 1) / size);
        return new SearchPage(result.total(), pages, p, views.size(), views);
    }

    /** {@code lat} and {@code lon} (both or neither; not with {@code postcode}): where she is, to rank by distance. */
    private static DirectorySearch.Near near(String lat, String lon, String postcode) {
        Double la = Params.decimal(lat, "lat", -90, 90);
        Double lo = Params.decimal(lon, "lon", -180, 180);
        if (la == null && lo == null) return null;
        if (la == null || lo == null) {
            throw ProblemException.invalidField(la == null ? "lat" : "lon", "lat and lon go together: give both or neither");
        }
        if (postcode != null && !postcode.isBlank()) {
            throw ProblemException.invalidField("postcode", "give a postcode or lat and lon, not both");
        }
        return new DirectorySearch.Near(la, lo);
    }

    /** Public places get their distance; confidential ones never do ({@link ServiceView.Place#withDistanceKm}). */
    private static List<ServiceView> withDistances(List<ServiceView> views, Map<UUID, Double> km) {
        return views.stream().map(v -> v.locations() == null ? v
                : v.withLocations(v.locations().stream().map(pl -> pl.withDistanceKm(km.get(pl.id()))).toList())).toList();
    }
}
