package org.pathways.directory.service;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.NeedCode;
import org.pathways.directory.domain.CapacityStatus;
import org.pathways.directory.domain.Contact;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Gender;
import org.pathways.directory.domain.Location;
import org.pathways.directory.domain.Nation;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.domain.ScheduleEntry;
import org.pathways.directory.domain.ServiceAtLocation;
import org.pathways.directory.domain.Spoc;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Imports an HSDS 3.0 / Open Referral UK feed: fully nested services (each with its {@code organization}), as an array,
 * an HSDS page ({@code contents}) or {@code {"services": [...]}}. Idempotent upsert by id with provenance
 * ({@code source = IMPORT}, {@code source_ref}): a service created or edited here is never overwritten, and the report
 * says what was skipped and why. Organisations and locations are created when absent and otherwise left as they are.
 */
@ApplicationScoped
public class HsdsImport {

    public static final int MAX_SERVICES = 5000;

    public record Skipped(String id, String reason) {
    }

    public record Report(int created, int updated, int unchanged, List<Skipped> skipped) {
    }

    /**
     * The organisations the caller may write for (ADR 0015): an org-admin's own; a partnership-admin's own and the
     * LEAD/MEMBER organisations of every partnership in which hers is LEAD or MEMBER. {@code mayCreateOrganisations}: an
     * organisation not yet in the directory may be created by the import (partnership admins: onboarding a feed); it
     * records {@code callerOrganisation} as the importer, whose later imports may keep it current.
     */
    public record Scope(UUID callerOrganisation, Set<UUID> organisations, boolean mayCreateOrganisations) {
    }

    @Inject
    EntityManager em;

    @Inject
    DirectoryEvents events;

    @Inject
    RoutingAudit routing;

    @Transactional
    public Report run(JsonNode feed, String sourceName, UUID actor, Scope scope) {
        String path = feed.isArray() ? "" : feed.has("contents") ? "contents" : "services";
        JsonNode services = feed.isArray() ? feed : feed.has("contents") ? feed.get("contents") : feed.path("services");
        if (!services.isArray()) throw ProblemException.invalidField("services", "must be an array of HSDS services");
        if (services.size() > MAX_SERVICES) throw ProblemException.invalidField("services", "at most " + MAX_SERVICES + " per import");
        requireShape(feed, services, path);
        requireInScope(services, path, scope);
        int created = 0, updated = 0, unchanged = 0;
        List<Skipped> skipped = new ArrayList<>();
        for (JsonNode s : services) {
            String rawId = s.path("id").asText("");
            UUID id;
            try {
                id = UUID.fromString(rawId);
            } catch (IllegalArgumentException e) {
                skipped.add(new Skipped(rawId.length() > 40 ? rawId.substring(0, 40) : rawId, "id is not a UUID"));
                continue;
            }
            String name = s.path("name").asText("").trim();
            if (name.isEmpty() || name.length() > 200) {
                skipped.add(new Skipped(rawId, "name missing or longer than 200 characters"));
                continue;
            }
            UUID orgId = organisation(s, scope.callerOrganisation());
            if (orgId == null) {
                skipped.add(new Skipped(rawId, "no organization with a UUID id, name and description"));
                continue;
            }
            DirectoryService existing = DirectoryService.findById(id);
            if (existing != null && existing.source != DirectoryService.Source.IMPORT) {
                skipped.add(new Skipped(rawId, "a service with this id is kept by the partnership (not imported)"));
                continue;
            }
            if (existing != null && existing.locallyEditedAt != null) {
                skipped.add(new Skipped(rawId, "edited locally since it was imported; local edits are kept"));
                continue;
            }
            if (existing != null && !existing.organisationId.equals(orgId)) {
                skipped.add(new Skipped(rawId, "belongs to another organisation here"));
                continue;
            }
            DirectoryService t = existing != null ? existing : new DirectoryService();
            String before = existing == null ? null : fingerprint(existing);
            Spoc spocBefore = existing == null ? null : existing.spoc;
            if (existing == null) {
                t.id = id;
                t.organisationId = orgId;
                t.source = DirectoryService.Source.IMPORT;
                t.nation = Organisation.<Organisation>findById(orgId).nation;
                t.capacityUpdatedAt = DirectoryWrites.now();
            }
            t.sourceRef = (sourceName == null ? "hsds" : sourceName) + ":" + rawId;
            List<String> problems = apply(t, s, name);
            if (existing == null) {
                t.updatedAt = DirectoryWrites.now();
                t.refreshSearchText(Organisation.<Organisation>findById(orgId).name);
                t.persist();
                locations(t, s, orgId);
                contacts(t, s, orgId);
                em.flush();
                events.serviceCreated(t, actor);
                routing.record(orgId, t.id, null, t.spoc, RoutingAudit.Source.IMPORT, actor);
                created++;
            } else {
                t.refreshSearchText(Organisation.<Organisation>findById(orgId).name);
                ServiceAtLocation.delete("serviceId", t.id);
                locations(t, s, orgId);
                Contact.delete("serviceId", t.id);
                contacts(t, s, orgId);
                if (fingerprint(t).equals(before)) {
                    unchanged++;
                } else {
                    t.updatedAt = DirectoryWrites.now();
                    em.flush();
                    events.serviceUpdated(t, actor);
                    routing.record(orgId, t.id, spocBefore, t.spoc, RoutingAudit.Source.IMPORT, actor);
                    updated++;
                }
            }
            problems.forEach(p -> skipped.add(new Skipped(rawId, p)));
        }
        return new Report(created, updated, unchanged, skipped);
    }

    /** The page fields an HSDS paged response may carry beside {@code contents}. */
    private static final Set<String> FEED_FIELDS = Set.of("services", "contents", "total_items", "total_pages",
            "page_number", "size", "first_page", "last_page", "empty");
    /** Scalar fields the import reads as text: a number or boolean there is a wrong feed, not something to coerce. */
    private static final List<String> SERVICE_TEXT = List.of("id", "organization_id", "name", "alternate_name", "description",
            "url", "email", "status", "interpretation_services", "application_process", "fees_description", "wait_time",
            "eligibility_description", "last_modified");
    private static final List<String> ORGANISATION_TEXT = List.of("id", "name", "alternate_name", "description", "email",
            "website");

    /**
     * Refuses a feed of the wrong shape before anything is read (ADR 0005: strict input): unknown top-level fields,
     * both {@code services} and {@code contents}, records that are not objects, and non-text values where text is read.
     */
    private static void requireShape(JsonNode feed, JsonNode services, String path) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (feed.isObject()) {
            feed.fieldNames().forEachRemaining(f -> {
                if (!FEED_FIELDS.contains(f)) errors.add(new Problem.FieldError(f, "unknown field"));
            });
            if (feed.has("services") && feed.has("contents")) {
                errors.add(new Problem.FieldError("contents", "send either services or contents, not both"));
            }
        }
        for (int i = 0; i < services.size(); i++) {
            JsonNode s = services.get(i);
            String at = path + "[" + i + "]";
            if (!s.isObject()) {
                errors.add(new Problem.FieldError(at, "must be an HSDS service object"));
                continue;
            }
            for (String f : SERVICE_TEXT) requireText(s, f, at + "." + f, errors);
            JsonNode o = s.path("organization");
            if (!o.isMissingNode() && !o.isNull()) {
                if (!o.isObject()) errors.add(new Problem.FieldError(at + ".organization", "must be an object"));
                else for (String f : ORGANISATION_TEXT) requireText(o, f, at + ".organization." + f, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The feed is not a valid HSDS feed; nothing was imported.", errors);
        }
    }

    private static void requireText(JsonNode n, String field, String at, List<Problem.FieldError> errors) {
        JsonNode v = n.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) errors.add(new Problem.FieldError(at, "must be a string"));
    }

    /**
     * Refuses the whole import (nothing is written) when any record would write for an organisation outside the caller's
     * scope: its organisation, or the organisation owning an existing service with its id. Each offending record is named
     * by its field path, so the feed can be corrected (ADR 0015).
     */
    private static void requireInScope(JsonNode services, String path, Scope scope) {
        List<Problem.FieldError> offending = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            JsonNode s = services.get(i);
            String at = path + "[" + i + "]";
            UUID serviceId = uuid(s.path("id").asText(""));
            DirectoryService existing = serviceId == null ? null : DirectoryService.findById(serviceId);
            if (existing != null && !scope.organisations().contains(existing.organisationId)) {
                offending.add(new Problem.FieldError(at + ".id", "is a service of an organisation you may not administer"));
                continue;
            }
            JsonNode o = s.path("organization");
            boolean nested = o.hasNonNull("id");
            UUID orgId = uuid(nested ? o.path("id").asText("") : s.path("organization_id").asText(""));
            if (orgId == null) continue; // skipped in the report, writes nothing
            String field = at + (nested ? ".organization.id" : ".organization_id");
            if (Organisation.findById(orgId) != null) {
                if (!scope.organisations().contains(orgId)) {
                    offending.add(new Problem.FieldError(field, "is an organisation you may not administer"));
                }
            } else if (!scope.mayCreateOrganisations()) {
                offending.add(new Problem.FieldError(field, "is not in the directory; only a partnership admin's import may add an organisation"));
            }
        }
        if (!offending.isEmpty()) {
            throw new ProblemException(Problem.of(403, "import-outside-your-organisations", "Forbidden",
                    "The feed has services of organisations you may not administer; nothing was imported.").withErrors(offending));
        }
    }

    private UUID organisation(JsonNode s, UUID importingOrganisation) {
        JsonNode o = s.path("organization");
        UUID id = uuid(o.path("id").asText(s.path("organization_id").asText("")));
        if (id == null) return null;
        if (Organisation.findById(id) != null) return id;
        String name = o.path("name").asText("").trim();
        String description = o.path("description").asText("").trim();
        if (name.isEmpty() || description.isEmpty()) return null;
        Organisation org = new Organisation();
        org.id = id;
        org.name = cut(name, 200);
        org.description = cut(description, 4000);
        org.email = text(o, "email", 254);
        org.website = text(o, "website", 500);
        org.nation = Nation.ENGLAND_AND_WALES;
        // Our export says whether the organisation publishes capacity; a plain HSDS feed does not (default: no).
        org.capacityPublic = o.path("pathways").path("capacity_public").asBoolean(false);
        org.importedByOrganisationId = importingOrganisation;
        org.updatedAt = DirectoryWrites.now();
        org.persist();
        return id;
    }

    /** Copies the HSDS fields; returns what could not be taken (unknown terms, bad schedules). */
    private List<String> apply(DirectoryService t, JsonNode s, String name) {
        List<String> problems = new ArrayList<>();
        t.name = name;
        t.description = text(s, "description", 4000);
        String status = s.path("status").asText("active");
        t.status = List.of("active", "inactive", "defunct", "temporarily closed").contains(status) ? status : "active";
        t.url = text(s, "url", 500);
        t.email = text(s, "email", 254);
        t.applicationProcess = text(s, "application_process", 2000);
        t.feesDescription = text(s, "fees_description", 1000);
        t.eligibilityDescription = text(s, "eligibility_description", 2000);
        t.minimumAge = age(s.path("minimum_age"));
        t.maximumAge = age(s.path("maximum_age"));
        if (t.minimumAge != null && t.maximumAge != null && t.minimumAge > t.maximumAge) t.maximumAge = null;
        JsonNode phones = s.path("phones");
        t.phone = phones.isArray() && !phones.isEmpty() ? text(phones.get(0), "number", 40) : null;

        Set<String> needs = new LinkedHashSet<>();
        Set<String> facts = new LinkedHashSet<>();
        for (JsonNode a : s.path("attributes")) {
            String code = a.path("taxonomy_term").path("code").asText(null);
            if ("eligibility".equals(a.path("link_type").asText(null))) {
                // An eligibility fact (ADR 0063), not a need: "nrpf" is a code of both vocabularies.
                try {
                    facts.add(org.pathways.contracts.vocab.EligibilityCode.fromCode(code).code());
                } catch (IllegalArgumentException e) {
                    problems.add("eligibility term not in the Pathways eligibility taxonomy");
                }
                continue;
            }
            NeedCode need = null;
            if (code != null) {
                try {
                    need = NeedCode.fromCode(code);
                } catch (IllegalArgumentException e) {
                    need = null;
                }
            }
            if (need == null) {
                problems.add("taxonomy term not in the needs taxonomy");
            } else {
                needs.add(need.code());
            }
        }
        t.needCodes.clear();
        t.needCodes.addAll(needs);
        boolean nrpf = t.acceptsNrpf;
        t.eligibilityCodes.clear();
        t.eligibilityCodes.addAll(facts);
        t.acceptNrpf(nrpf || facts.contains(org.pathways.contracts.vocab.EligibilityCode.NRPF.code()));
        t.languages.clear();
        for (JsonNode l : s.path("languages")) {
            String code = l.path("code").asText("").toLowerCase(Locale.ROOT);
            if (code.matches("^[a-z]{2,3}$")) t.languages.add(code);
            else problems.add("language without an ISO 639 code");
        }
        t.areas.clear();
        for (JsonNode a : s.path("service_areas")) {
            String area = text(a, "name", 100);
            if (area != null && !t.areas.contains(area)) t.areas.add(area);
        }
        t.schedules.clear();
        for (JsonNode x : s.path("schedules")) {
            String byday = x.path("byday").asText("");
            try {
                if (!byday.matches("^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$")) throw new DateTimeParseException("byday", byday, 0);
                LocalTime opens = LocalTime.parse(x.path("opens_at").asText("").replaceAll("(Z|[+-]\\d\\d:?\\d\\d)$", ""));
                LocalTime closes = LocalTime.parse(x.path("closes_at").asText("").replaceAll("(Z|[+-]\\d\\d:?\\d\\d)$", ""));
                t.schedules.add(new ScheduleEntry(byday, opens, closes, text(x, "description", 200)));
            } catch (DateTimeParseException e) {
                problems.add("schedule that is not a weekly opening time");
            }
        }
        extension(t, s.path("pathways"), problems);
        return problems;
    }

    /**
     * The {@code pathways} extension of our own export (README, "Export and import"): interpreting languages, referral
     * rules, response target, capacity and SPOC. Absent parts leave the service as it is (a plain HSDS feed has none);
     * invalid parts are reported and skipped. The connector flag is never imported: which service is a partnership's
     * Partnership Connector is decided here, not by a feed.
     */
    private void extension(DirectoryService t, JsonNode x, List<String> problems) {
        if (!x.isObject()) return;
        if (x.has("interpreting_languages")) {
            t.interpretingLanguages.clear();
            for (JsonNode l : x.path("interpreting_languages")) {
                String code = l.asText("").toLowerCase(Locale.ROOT);
                if (code.matches("^[a-z]{2,3}$")) t.interpretingLanguages.add(code);
                else problems.add("interpreting language without an ISO 639 code");
            }
        }
        JsonNode rules = x.path("referral_rules");
        if (rules.isObject()) {
            t.acceptsPartnerReferrals = rules.path("accepts_partner_referrals").asBoolean(t.acceptsPartnerReferrals);
            t.acceptsProfessionalReferrals = rules.path("accepts_professional_referrals").asBoolean(t.acceptsProfessionalReferrals);
            t.acceptsSelfReferrals = rules.path("accepts_self_referrals").asBoolean(t.acceptsSelfReferrals);
            t.acceptNrpf(rules.path("accepts_nrpf").asBoolean(t.acceptsNrpf));
            String gender = rules.path("gender").asText(null);
            if (gender != null) {
                try {
                    t.gender = Gender.valueOf(gender);
                } catch (IllegalArgumentException e) {
                    problems.add("referral rules: unknown gender");
                }
            }
        }
        JsonNode target = x.path("response_target");
        if (target.isObject()) {
            int days = target.path("working_days").asInt(-1);
            int remind = target.path("remind_before_working_days").asInt(-1);
            int expire = target.path("expire_after_working_days").asInt(-1);
            Nation nation = enumOrNull(Nation.class, target.path("nation").asText(""));
            // The same limits as PUT /api/services/{id}/response-target.
            if (days >= 1 && days <= 60 && remind >= 0 && remind < days && expire >= days && expire <= 120 && nation != null) {
                t.responseWorkingDays = days;
                t.remindBeforeWorkingDays = remind;
                t.expireAfterWorkingDays = expire;
                t.nation = nation;
            } else {
                problems.add("response target out of range or unknown nation; kept as it was");
            }
        }
        JsonNode capacity = x.path("capacity");
        if (capacity.isObject()) {
            CapacityStatus status = enumOrNull(CapacityStatus.class, capacity.path("status").asText(""));
            if (status == null) {
                problems.add("capacity: unknown status; kept as it was");
            } else {
                t.capacityStatus = status;
                t.capacityWaitWeeks = status == CapacityStatus.WAITLIST ? bounded(capacity.path("wait_weeks"), 520) : null;
                t.capacityAvailable = bounded(capacity.path("available"), 100000);
                t.capacityMaximum = bounded(capacity.path("maximum"), 100000);
                t.capacityUnit = text(capacity, "unit", 50);
                OffsetDateTime updated = null;
                try {
                    updated = OffsetDateTime.parse(capacity.path("updated").asText(""));
                } catch (DateTimeParseException e) {
                    updated = null;
                }
                // When it was last confirmed travels with it (so staleness does too); never a time in the future.
                OffsetDateTime now = DirectoryWrites.now();
                t.capacityUpdatedAt = updated == null || updated.isAfter(now) ? now : updated;
            }
        }
        JsonNode spoc = x.path("spoc");
        if (spoc.isObject()) {
            UUID userId = uuid(spoc.path("user_id").asText(null));
            String username = spoc.path("username").asText(null);
            String mailbox = spoc.path("mailbox").asText(null);
            if (username != null && !username.matches("^[a-z0-9._-]{1,100}$")) {
                problems.add("spoc: username is not a Keycloak username");
                username = null;
            }
            if (mailbox != null && (mailbox.length() > 254 || !mailbox.matches("^[^@\\s]+@[^@\\s]+$"))) {
                problems.add("spoc: mailbox is not an email address");
                mailbox = null;
            }
            Spoc given = Spoc.of(userId, username, mailbox);
            if (given != null) t.spoc = given;
        }
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Integer bounded(JsonNode n, int max) {
        if (!n.isInt()) return null;
        int v = n.asInt();
        return v < 0 || v > max ? null : v;
    }

    private void locations(DirectoryService t, JsonNode s, UUID orgId) {
        for (JsonNode sal : s.path("service_at_locations")) {
            JsonNode l = sal.path("location");
            UUID locationId = uuid(l.path("id").asText(sal.path("location_id").asText("")));
            if (locationId == null) continue;
            Location existing = Location.findById(locationId);
            if (existing == null) {
                Location loc = new Location();
                loc.id = locationId;
                loc.organisationId = orgId;
                loc.name = cut(l.path("name").asText("Location"), 200);
                JsonNode addr = l.path("addresses").path(0);
                JsonNode x = l.path("pathways");
                boolean flagged = x.path("confidential").asBoolean(false);
                loc.address1 = text(addr, "address_1", 200);
                loc.city = text(addr, "city", 100);
                loc.postcode = text(addr, "postal_code", 10);
                // The area the extension gives (our export), else the address's city or region.
                String area = text(x, "area", 100);
                loc.area = area != null ? area : loc.city != null ? loc.city : cut(text(addr, "state_province", 100), 100);
                if (loc.area == null) loc.area = "Unknown";
                // Confidential when the feed says so, or when it was published without an address. A confidential export
                // (flagged, with its address) keeps the real address and coordinates here, never published.
                loc.confidential = flagged || loc.address1 == null;
                boolean realPlace = !loc.confidential || (flagged && loc.address1 != null);
                if (l.path("latitude").isNumber() && l.path("longitude").isNumber() && realPlace) {
                    loc.latitude = l.get("latitude").asDouble();
                    loc.longitude = l.get("longitude").asDouble();
                }
                JsonNode phones = l.path("phones");
                if (realPlace && phones.isArray() && !phones.isEmpty()) loc.phone = text(phones.get(0), "number", 40);
                loc.persist();
            } else if (!existing.organisationId.equals(orgId)) {
                continue;
            }
            UUID salId = uuid(sal.path("id").asText(""));
            ServiceAtLocation link = new ServiceAtLocation();
            link.id = salId != null && ServiceAtLocation.findById(salId) == null ? salId : UUID.randomUUID();
            link.serviceId = t.id;
            link.locationId = locationId;
            link.persist();
        }
    }

    private void contacts(DirectoryService t, JsonNode s, UUID orgId) {
        for (JsonNode c : s.path("contacts")) {
            Contact contact = new Contact();
            UUID id = uuid(c.path("id").asText(""));
            contact.id = id != null && Contact.findById(id) == null ? id : UUID.randomUUID();
            contact.organisationId = orgId;
            contact.serviceId = t.id;
            contact.name = text(c, "name", 200);
            contact.title = text(c, "title", 200);
            contact.email = text(c, "email", 254);
            JsonNode phones = c.path("phones");
            contact.phone = phones.isArray() && !phones.isEmpty() ? text(phones.get(0), "number", 40) : null;
            // Contacts published in a feed are public by definition; a confidential export marks the others.
            contact.isPublic = c.path("pathways").path("public").asBoolean(true);
            contact.persist();
        }
    }

    private static String fingerprint(DirectoryService s) {
        return String.join("|", String.valueOf(s.name), String.valueOf(s.description), s.status, String.valueOf(s.url),
                String.valueOf(s.email), String.valueOf(s.phone), String.valueOf(s.minimumAge), String.valueOf(s.maximumAge),
                String.valueOf(s.eligibilityDescription), String.valueOf(s.feesDescription), String.valueOf(s.applicationProcess),
                new java.util.TreeSet<>(s.needCodes).toString(), new java.util.TreeSet<>(s.eligibilityCodes).toString(), new java.util.TreeSet<>(s.languages).toString(), s.areas.toString(),
                s.schedules.stream().map(x -> x.byday + x.opensAt + x.closesAt + x.description).toList().toString(),
                new java.util.TreeSet<>(s.interpretingLanguages).toString(), String.valueOf(s.acceptsPartnerReferrals),
                String.valueOf(s.acceptsProfessionalReferrals), String.valueOf(s.acceptsSelfReferrals), String.valueOf(s.acceptsNrpf),
                String.valueOf(s.gender), s.responseWorkingDays + "/" + s.remindBeforeWorkingDays + "/" + s.expireAfterWorkingDays,
                String.valueOf(s.nation), String.valueOf(s.capacityStatus), String.valueOf(s.capacityWaitWeeks),
                String.valueOf(s.capacityAvailable), String.valueOf(s.capacityMaximum), String.valueOf(s.capacityUnit),
                String.valueOf(s.spoc == null ? null : s.spoc.userId + "/" + s.spoc.username + "/" + s.spoc.mailbox));
    }

    private static Integer age(JsonNode n) {
        if (!n.isNumber()) return null;
        int v = n.asInt();
        return v < 0 || v > 120 ? null : v;
    }

    private static UUID uuid(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field, int max) {
        JsonNode v = n.path(field);
        if (!v.isTextual() || v.asText().isBlank()) return null;
        return cut(v.asText().trim(), max);
    }

    private static String cut(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }
}
