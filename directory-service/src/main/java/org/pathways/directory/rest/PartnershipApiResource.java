package org.pathways.directory.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.pathways.contracts.vocab.EligibilityCode;
import org.pathways.contracts.vocab.NeedCode;
import org.pathways.contracts.vocab.Roles;
import org.pathways.directory.config.DirectoryConfig;
import org.pathways.directory.domain.Contact;
import org.pathways.directory.domain.DataSharingAgreement;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Gazetteer;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.domain.Partnership;
import org.pathways.directory.domain.PartnershipMember;
import org.pathways.directory.rest.WriteRequests.CapacityRequest;
import org.pathways.directory.rest.WriteRequests.ContactRequest;
import org.pathways.directory.rest.WriteRequests.MemberRequest;
import org.pathways.directory.rest.WriteRequests.ResponseTargetRequest;
import org.pathways.directory.rest.WriteRequests.ServiceRequest;
import org.pathways.directory.rest.WriteRequests.SpocRequest;
import org.pathways.directory.service.AdminWrites;
import org.pathways.directory.service.DirectoryReads;
import org.pathways.directory.service.DirectorySearch;
import org.pathways.directory.service.DirectoryWrites;
import org.pathways.directory.service.Geocoder;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The authenticated partnership API: referral search, and organisation and partnership admins' edits. */
@Path("/api")
@Transactional // one unit of work per request: a write, its outbox event and the view returned
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnershipApiResource {

    /** Staff who look for a service to refer to (and partner systems acting for them). */
    static final String[] STAFF = {Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN,
            Roles.PARTNERSHIP_ADMIN};

    @Inject
    Caller caller;
    @Inject
    DirectorySearch search;
    @Inject
    DirectoryReads reads;
    @Inject
    DirectoryWrites writes;
    @Inject
    DirectoryConfig config;
    @Inject
    AdminWrites admin;
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

    @GET
    @Path("/services/{id}")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN})
    @Transactional
    public ServiceView service(@PathParam("id") String id) {
        UUID org = caller.requireOrganisation();
        List<ServiceView> found = reads.views(List.of(Params.pathId(id, "Service")), null, reads.agreementPartners(org));
        if (found.isEmpty()) throw ProblemException.notFound("Service");
        return found.get(0);
    }

    @POST
    @Path("/services")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "201", description = "Created; Location names the service", headers = @Header(name = "Location"), 
            content = @Content(schema = @Schema(implementation = ServiceView.class)))
    @APIResponse(responseCode = "422", description = "ages-inconsistent, capacity-inconsistent or target-inconsistent")
    public Response create(@NotNull @Valid ServiceRequest body) {
        DirectoryService s = writes.createService(caller.requireOrganisation(), body, actor());
        return Response.status(201).entity(view(s)).header("Location", "/api/services/" + s.id).build();
    }

    @PUT
    @Path("/services/{id}")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "422", description = "ages-inconsistent, capacity-inconsistent or target-inconsistent")
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(schema = @Schema(implementation = ServiceView.class)))
    public ServiceView replace(@PathParam("id") String id, @NotNull @Valid ServiceRequest body) {
        return view(writes.replaceService(caller.requireOrganisation(), Params.pathId(id, "Service"), body, actor()));
    }

    @PUT
    @Path("/services/{id}/capacity")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "422", description = "capacity-inconsistent: available exceeds the maximum")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = ServiceView.class)))
    public ServiceView capacity(@PathParam("id") String id, @NotNull @Valid CapacityRequest body) {
        return view(writes.setCapacity(caller.requireOrganisation(), Params.pathId(id, "Service"), body, actor()));
    }

    @PUT
    @Path("/services/{id}/spoc")
    @RolesAllowed(Roles.ORG_ADMIN)
    public ServiceView spoc(@PathParam("id") String id, @NotNull @Valid SpocRequest body) {
        return view(writes.setServiceSpoc(caller.requireOrganisation(), Params.pathId(id, "Service"), body, actor()));
    }

    @PUT
    @Path("/services/{id}/response-target")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "422", description = "target-inconsistent")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = ServiceView.class)))
    public ServiceView responseTarget(@PathParam("id") String id, @NotNull @Valid ResponseTargetRequest body) {
        return view(writes.setResponseTarget(caller.requireOrganisation(), Params.pathId(id, "Service"), body, actor()));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactView(UUID id, UUID organisationId, UUID serviceId, String name, String title, String email,
            String phone, boolean isPublic) {
        static ContactView of(Contact c) {
            return new ContactView(c.id, c.organisationId, c.serviceId, c.name, c.title, c.email, c.phone, c.isPublic);
        }
    }

    @POST
    @Path("/services/{id}/contacts")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ContactView.class)))
    public Response addContact(@PathParam("id") String id, @NotNull @Valid ContactRequest body) {
        Contact c = writes.addContact(caller.requireOrganisation(), Params.pathId(id, "Service"), body);
        return Response.status(201).entity(ContactView.of(c)).build();
    }

    @GET
    @Path("/contacts")
    @RolesAllowed(Roles.ORG_ADMIN)
    @Transactional
    public List<ContactView> contacts() {
        return Contact.<Contact>list("organisationId = ?1 order by title, id", caller.requireOrganisation()).stream()
                .map(ContactView::of).toList();
    }

    @DELETE
    @Path("/contacts/{id}")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteContact(@PathParam("id") String id) {
        writes.deleteContact(caller.requireOrganisation(), Params.pathId(id, "Contact"));
        return Response.noContent().build();
    }

    public record OrganisationSpocView(UUID organisationId, Routing.SpocView spoc, long version) {
    }

    @PUT
    @Path("/organisations/{id}/spoc")
    @RolesAllowed(Roles.ORG_ADMIN)
    public OrganisationSpocView organisationSpoc(@PathParam("id") String id, @NotNull @Valid SpocRequest body) {
        Organisation o = writes.setOrganisationSpoc(caller.requireOrganisation(), Params.pathId(id, "Organisation"), body, actor());
        return new OrganisationSpocView(o.id, Routing.SpocView.of("ORGANISATION", o.spoc),
                o.version);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganisationView(UUID id, String name, String description, String email, String website, String phone,
            String nation, boolean capacityPublic, Routing.SpocView spoc, long version) {
        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id, o.name, o.description, o.email, o.website, o.phone, o.nation.name(),
                    o.capacityPublic, o.spoc == null ? null : Routing.SpocView.of("ORGANISATION", o.spoc), o.version);
        }
    }

    /** The caller's own organisation (another organisation's id: 404). */
    @GET
    @Path("/organisations/{id}")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN})
    @Transactional
    public OrganisationView organisation(@PathParam("id") String id) {
        return OrganisationView.of(admin.ownOrganisation(caller.requireOrganisation(), Params.pathId(id, "Organisation")));
    }

    /** Replaces the organisation's details, including the opt-in to publish capacity in the open feed. */
    @PUT
    @Path("/organisations/{id}")
    @RolesAllowed(Roles.ORG_ADMIN)
    public OrganisationView updateOrganisation(@PathParam("id") String id, @NotNull @Valid AdminRequests.OrganisationRequest body) {
        Organisation o = admin.updateOrganisation(caller.requireOrganisation(), Params.pathId(id, "Organisation"), body);
        Organisation.getEntityManager().flush(); // the returned version is the new one
        return OrganisationView.of(o);
    }

    /** An organisation-level contact (not tied to one service); public ones appear on the feed's organisation. */
    @POST
    @Path("/organisations/{id}/contacts")
    @RolesAllowed(Roles.ORG_ADMIN)
    @APIResponse(responseCode = "201", description = "Created; Location names the contact", headers = @Header(name = "Location"), 
            content = @Content(schema = @Schema(implementation = ContactView.class)))
    public Response addOrganisationContact(@PathParam("id") String id, @NotNull @Valid ContactRequest body) {
        Organisation o = admin.ownOrganisation(caller.requireOrganisation(), Params.pathId(id, "Organisation"));
        Contact c = writes.addContact(o.id, null, body);
        return Response.status(201).entity(ContactView.of(c)).header("Location", "/api/contacts/" + c.id).build();
    }

    // ---- partnerships ----

    /** A new partnership led by the caller's organisation (its first member, role LEAD). */
    @POST
    @Path("/partnerships")
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    @APIResponse(responseCode = "201", description = "Created; Location names the partnership", headers = @Header(name = "Location"), 
            content = @Content(schema = @Schema(implementation = PartnershipView.class)))
    @APIResponse(responseCode = "409", description = "partnership-name: a partnership with this name exists")
    public Response createPartnership(@NotNull @Valid AdminRequests.PartnershipRequest body) {
        Partnership p = admin.createPartnership(caller.requireOrganisation(), body);
        Partnership.getEntityManager().flush();
        return Response.status(201).entity(partnershipView(p)).header("Location", "/api/partnerships/" + p.id).build();
    }

    public record MemberView(UUID organisationId, String name, String role, String joinedOn) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgreementView(UUID id, String title, String version, String startsOn, String endsOn, boolean current,
            List<UUID> parties) {
        static AgreementView of(DataSharingAgreement a) {
            return new AgreementView(a.id, a.title, a.agreementVersion, a.startsOn.toString(),
                    a.endsOn == null ? null : a.endsOn.toString(), a.isCurrent(java.time.LocalDate.now(java.time.ZoneOffset.UTC)),
                    a.parties.stream().sorted().toList());
        }
    }

    public record PartnershipView(UUID id, String name, String description, UUID leadOrganisationId, List<MemberView> members,
            List<AgreementView> agreements) {
    }

    @GET
    @Path("/partnerships")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN,
            Roles.PRIVACY_OFFICER, Roles.EVALUATOR})
    @Transactional
    public List<PartnershipView> partnerships() {
        UUID org = caller.requireOrganisation();
        return PartnershipMember.<PartnershipMember>list("organisationId", org).stream()
                .map(m -> partnershipView(Partnership.findById(m.partnershipId))).toList();
    }

    @GET
    @Path("/partnerships/{id}")
    @RolesAllowed({Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN, Roles.PARTNERSHIP_ADMIN,
            Roles.PRIVACY_OFFICER, Roles.EVALUATOR})
    @Transactional
    public PartnershipView partnership(@PathParam("id") String id) {
        UUID org = caller.requireOrganisation();
        UUID pid = Params.pathId(id, "Partnership");
        if (PartnershipMember.findById(new PartnershipMember.Key(pid, org)) == null) throw ProblemException.notFound("Partnership");
        return partnershipView(Partnership.findById(pid));
    }

    /** A partnership created by mistake, while nothing refers to it (only its lead as member, no agreement). */
    @DELETE
    @Path("/partnerships/{id}")
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    @APIResponse(responseCode = "204", description = "Removed: nothing referred to it")
    @APIResponse(responseCode = "409", description = "partnership-in-use: it has members besides its lead or a data sharing agreement (errors[] names them)")
    public Response deletePartnership(@PathParam("id") String id) {
        writes.deletePartnership(caller.requireOrganisation(), Params.pathId(id, "Partnership"));
        return Response.noContent().build();
    }

    @POST
    @Path("/partnerships/{id}/members")
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(schema = @Schema(implementation = ApiSchemas.MemberAdded.class)))
    @APIResponse(responseCode = "409", description = "already-member")
    @APIResponse(responseCode = "422", description = "unknown-organisation")
    public Response addMember(@PathParam("id") String id, @NotNull @Valid MemberRequest body) {
        PartnershipMember m = writes.addMember(caller.requireOrganisation(), Params.pathId(id, "Partnership"), body);
        return Response.status(201).entity(Map.of("partnershipId", m.partnershipId, "organisationId", m.organisationId,
                "role", m.role.name())).build();
    }

    @DELETE
    @Path("/partnerships/{id}/members/{organisationId}")
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "409", description = "lead-member: the lead organisation cannot leave")
    public Response removeMember(@PathParam("id") String id, @PathParam("organisationId") String organisationId) {
        writes.removeMember(caller.requireOrganisation(), Params.pathId(id, "Partnership"), Params.pathId(organisationId, "Member"));
        return Response.noContent().build();
    }

    @POST
    @Path("/partnerships/{id}/agreements")
    @RolesAllowed(Roles.PARTNERSHIP_ADMIN)
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "409", description = "agreement-version: this version is already recorded")
    @APIResponse(responseCode = "422", description = "agreement-dates or agreement-parties (every party must be a member)")
    public Response addAgreement(@PathParam("id") String id, @NotNull @Valid WriteRequests.AgreementRequest body) {
        DataSharingAgreement a = writes.addAgreement(caller.requireOrganisation(), Params.pathId(id, "Partnership"), body);
        return Response.status(201).entity(AgreementView.of(a)).build();
    }

    private PartnershipView partnershipView(Partnership p) {
        List<MemberView> members = PartnershipMember.<PartnershipMember>list("partnershipId = ?1 order by role, organisationId", p.id)
                .stream().map(m -> {
                    Organisation o = Organisation.findById(m.organisationId);
                    return new MemberView(m.organisationId, o.name, m.role.name(), m.joinedOn.toString());
                }).toList();
        List<AgreementView> agreements = DataSharingAgreement.<DataSharingAgreement>list("partnershipId = ?1 order by startsOn", p.id)
                .stream().map(AgreementView::of).toList();
        return new PartnershipView(p.id, p.name, p.description, p.leadOrganisationId, members, agreements);
    }

    private ServiceView view(DirectoryService s) {
        return reads.views(List.of(s.id), null, null).get(0);
    }

    /** The acting user for events: token subjects are Keycloak UUIDs; anything else is left out. */
    private UUID actor() {
        try {
            return caller.userId() == null ? null : UUID.fromString(caller.userId());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
