package org.pathways.directory.rest;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.pathways.contracts.vocab.EligibilityCode;
import org.pathways.contracts.vocab.NeedCode;
import org.pathways.directory.domain.CapacityStatus;
import org.pathways.directory.domain.Contact;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Gazetteer;
import org.pathways.directory.domain.Location;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.domain.ScheduleEntry;

/**
 * Maps the directory to HSDS 3.0 objects (plain maps, empty optional fields omitted). The one place that decides what
 * the public sees: a confidential location publishes its area and the area's centre only; non-public contacts and
 * capacity (unless the organisation opted in) never appear.
 */
public final class Hsds {

    public static final String VERSION = "3.0";
    public static final UUID NEEDS_TAXONOMY_ID = uuid("taxonomy:needs");
    public static final String NEEDS_TAXONOMY_NAME = "Pathways needs taxonomy";

    private Hsds() {
    }

    /** Stable ids for things the directory stores without ids of their own (terms, languages, areas, schedules). */
    public static UUID uuid(String key) {
        return UUID.nameUUIDFromBytes(("pathways-hsds:" + key).getBytes(StandardCharsets.UTF_8));
    }

    public static UUID termId(NeedCode need) {
        return uuid("need:" + need.code());
    }

    static Map<String, Object> taxonomy() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", NEEDS_TAXONOMY_ID.toString());
        m.put("name", NEEDS_TAXONOMY_NAME);
        m.put("description", "The partnership's shared vocabulary of needs (Pathways docs/domain.md), used to match a woman's needs "
                + "to services.");
        m.put("version", "1");
        return m;
    }

    static Map<String, Object> term(NeedCode n, boolean withTaxonomyDetail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", termId(n).toString());
        m.put("code", n.code());
        m.put("name", n.label());
        m.put("description", n.label());
        if (n.parent() != null) m.put("parent_id", termId(n.parent()).toString());
        m.put("taxonomy", NEEDS_TAXONOMY_NAME);
        if (withTaxonomyDetail) m.put("taxonomy_detail", taxonomy());
        m.put("language", "en");
        m.put("taxonomy_id", NEEDS_TAXONOMY_ID.toString());
        return m;
    }

    static Map<String, Object> organisation(Organisation o, List<Contact> publicContacts, List<Location> locations, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id.toString());
        m.put("name", o.name);
        m.put("description", o.description);
        put(m, "email", o.email);
        put(m, "website", o.website);
        // A statutory partner says so (ADR 0091); HSDS leaves legal_status free text.
        if (o.statutoryRole != null) m.put("legal_status", o.statutoryRole.legalStatus());
        if (full) {
            put(m, "phones", phones("organisation:" + o.id, o.phone));
            put(m, "contacts", publicContacts.stream().filter(c -> c.isPublic).map(Hsds::contact).toList());
            put(m, "locations", locations.stream().map(Hsds::location).toList());
        }
        return m;
    }

    /** HSDS service: list shape (one-to-one fields plus organization) or fully nested. */
    static Map<String, Object> service(DirectoryService s, Organisation org, List<Location> locations,
            Map<UUID, UUID> salIdByLocation, List<Contact> contacts, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id.toString());
        m.put("organization_id", s.organisationId.toString());
        m.put("name", s.name);
        put(m, "description", s.description);
        put(m, "url", s.url);
        put(m, "email", s.email);
        m.put("status", s.status);
        if (!s.interpretingLanguages.isEmpty()) {
            m.put("interpretation_services", "Interpreters arranged for: " + String.join(", ",
                    new TreeSet<>(s.interpretingLanguages).stream().map(Hsds::languageName).toList()) + ".");
        }
        put(m, "application_process", s.applicationProcess);
        put(m, "fees_description", s.feesDescription);
        boolean capacityPublic = org.capacityPublic;
        if (capacityPublic && s.capacityStatus == CapacityStatus.WAITLIST && s.capacityWaitWeeks != null) {
            m.put("wait_time", s.capacityWaitWeeks + " weeks");
        }
        put(m, "eligibility_description", eligibility(s));
        if (s.minimumAge != null) m.put("minimum_age", s.minimumAge);
        if (s.maximumAge != null) m.put("maximum_age", s.maximumAge);
        m.put("last_modified", s.updatedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        m.put("organization", organisation(org, List.of(), List.of(), false));
        if (!full) return m;
        put(m, "phones", phones("service:" + s.id, s.phone));
        List<Map<String, Object>> schedules = new ArrayList<>();
        for (int i = 0; i < s.schedules.size(); i++) schedules.add(schedule(s, i, s.schedules.get(i)));
        put(m, "schedules", schedules);
        put(m, "service_areas", s.areas.stream().map(a -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", uuid("area:" + s.id + ":" + a.toLowerCase(Locale.ROOT)).toString());
            x.put("service_id", s.id.toString());
            x.put("name", a);
            return x;
        }).toList());
        put(m, "service_at_locations", locations.stream().map(l -> serviceAtLocation(salIdByLocation.get(l.id), s.id, l)).toList());
        put(m, "languages", languages(s.id, s.languages));
        put(m, "contacts", contacts.stream().filter(c -> c.isPublic).map(Hsds::contact).toList());
        List<Map<String, Object>> attributes = new ArrayList<>(
                new TreeSet<>(s.needCodes).stream().map(code -> attribute(s.id, NeedCode.fromCode(code))).toList());
        // Eligibility facts (ADR 0063): HSDS 3.0 attributes whose link_type says what they describe.
        new TreeSet<>(s.eligibilityCodes).forEach(code -> attributes.add(eligibilityAttribute(s.id, EligibilityCode.fromCode(code))));
        put(m, "attributes", attributes);
        if (capacityPublic) m.put("capacities", List.of(capacity(s)));
        return m;
    }

    static String eligibility(DirectoryService s) {
        List<String> parts = new ArrayList<>();
        if (s.eligibilityDescription != null && !s.eligibilityDescription.isBlank()) parts.add(s.eligibilityDescription.trim());
        if (s.gender == org.pathways.directory.domain.Gender.WOMEN) parts.add("Women only.");
        if (s.acceptsNrpf) parts.add("Accepts people with no recourse to public funds.");
        if (s.eligibilityCodes.contains(EligibilityCode.DDVC_ELIGIBLE.code())) {
            parts.add("Supports women eligible for the Migrant Victims of Domestic Abuse Concession (DDVC).");
        }
        if (s.acceptsSelfReferrals) parts.add("Self-referrals accepted.");
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    static Map<String, Object> serviceAtLocation(UUID salId, UUID serviceId, Location l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", salId.toString());
        m.put("service_id", serviceId.toString());
        m.put("location_id", l.id.toString());
        m.put("location", location(l));
        return m;
    }

    /** A location; a confidential one is its area and the area's centre, nothing else. */
    static Map<String, Object> location(Location l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id.toString());
        m.put("location_type", "physical");
        m.put("organization_id", l.organisationId.toString());
        if (l.confidential) {
            m.put("name", "Confidential address in " + l.area);
            m.put("description", "This address is confidential. Only the area is published: " + l.area + ".");
            Gazetteer.area(l.area).ifPresent(a -> {
                m.put("latitude", a.latitude());
                m.put("longitude", a.longitude());
            });
            return m;
        }
        m.put("name", l.name);
        if (l.latitude != null && l.longitude != null) {
            m.put("latitude", l.latitude);
            m.put("longitude", l.longitude);
        }
        if (l.address1 != null && l.city != null && l.postcode != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", uuid("address:" + l.id).toString());
            a.put("location_id", l.id.toString());
            a.put("address_1", l.address1);
            a.put("city", l.city);
            a.put("state_province", Gazetteer.withAncestors(l.area).stream().skip(1).findFirst().orElse(l.area));
            a.put("postal_code", l.postcode);
            a.put("country", "GB");
            a.put("address_type", "physical");
            m.put("addresses", List.of(a));
        }
        put(m, "phones", phones("location:" + l.id, l.phone));
        return m;
    }

    static Map<String, Object> contact(Contact c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id.toString());
        put(m, "organization_id", c.serviceId == null ? c.organisationId.toString() : null);
        put(m, "service_id", c.serviceId == null ? null : c.serviceId.toString());
        put(m, "name", c.name);
        put(m, "title", c.title);
        put(m, "email", c.email);
        put(m, "phones", phones("contact:" + c.id, c.phone));
        return m;
    }

    static List<Map<String, Object>> phones(String owner, String number) {
        if (number == null || number.isBlank()) return List.of();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", uuid("phone:" + owner).toString());
        m.put("number", number);
        return List.of(m);
    }

    static List<Map<String, Object>> languages(UUID serviceId, Collection<String> codes) {
        return new TreeSet<>(codes).stream().map(code -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", uuid("language:" + serviceId + ":" + code).toString());
            m.put("service_id", serviceId.toString());
            m.put("name", languageName(code));
            m.put("code", code);
            return m;
        }).toList();
    }

    static Map<String, Object> schedule(DirectoryService s, int index, ScheduleEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", uuid("schedule:" + s.id + ":" + e.byday + ":" + e.opensAt + ":" + e.closesAt).toString());
        m.put("service_id", s.id.toString());
        m.put("freq", "WEEKLY");
        m.put("byday", e.byday);
        put(m, "description", e.description);
        m.put("opens_at", e.opensAt.toString());
        m.put("closes_at", e.closesAt.toString());
        return m;
    }

    static Map<String, Object> attribute(UUID serviceId, NeedCode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", uuid("attribute:" + serviceId + ":" + n.code()).toString());
        m.put("link_id", serviceId.toString());
        m.put("taxonomy_term_id", termId(n).toString());
        m.put("link_type", "need");
        m.put("link_entity", "service");
        m.put("taxonomy_term", term(n, false));
        return m;
    }

    /** The Pathways eligibility taxonomy (contracts EligibilityCode): who a service can support. */
    static final UUID ELIGIBILITY_TAXONOMY_ID = uuid("taxonomy:pathways-eligibility");
    static final String ELIGIBILITY_TAXONOMY_NAME = "Pathways eligibility";

    static Map<String, Object> eligibilityAttribute(UUID serviceId, EligibilityCode e) {
        Map<String, Object> term = new LinkedHashMap<>();
        UUID termId = uuid("eligibility:" + e.code());
        term.put("id", termId.toString());
        term.put("code", e.code());
        term.put("name", e.label());
        term.put("description", e.label());
        term.put("taxonomy", ELIGIBILITY_TAXONOMY_NAME);
        term.put("language", "en");
        term.put("taxonomy_id", ELIGIBILITY_TAXONOMY_ID.toString());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", uuid("attribute:" + serviceId + ":eligibility:" + e.code()).toString());
        m.put("link_id", serviceId.toString());
        m.put("taxonomy_term_id", termId.toString());
        m.put("link_type", "eligibility");
        m.put("link_entity", "service");
        m.put("taxonomy_term", term);
        return m;
    }

    /** HSDS 3.1 {@code service_capacity}, published only where the organisation opted in. */
    static Map<String, Object> capacity(DirectoryService s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", uuid("capacity:" + s.id).toString());
        m.put("service_id", s.id.toString());
        if (s.capacityUnit != null) m.put("unit", Map.of("id", uuid("unit:" + s.capacityUnit).toString(), "name", s.capacityUnit));
        if (s.capacityAvailable != null) m.put("available", s.capacityAvailable);
        if (s.capacityMaximum != null) m.put("maximum", s.capacityMaximum);
        m.put("description", s.capacityStatus.name());
        m.put("updated", s.capacityUpdatedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return m;
    }

    static String languageName(String code) {
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.UK);
        return name == null || name.isBlank() || name.equals(code) ? code : name;
    }

    static String timestamp(OffsetDateTime t) {
        return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value == null) return;
        if (value instanceof String s && s.isBlank()) return;
        if (value instanceof Collection<?> c && c.isEmpty()) return;
        m.put(key, value);
    }
}
