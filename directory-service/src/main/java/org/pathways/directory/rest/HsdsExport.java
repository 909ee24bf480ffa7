package org.pathways.directory.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.pathways.directory.domain.Contact;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Location;
import org.pathways.directory.domain.Organisation;

/**
 * The export: HSDS 3.0 services as the open feed shows them, plus a {@code pathways} extension object (HSDS allows
 * additional properties) carrying what HSDS has no field for, so an export imported elsewhere keeps it — interpreting
 * languages, referral rules, response target, capacity (published only where the organisation
 * opted in) and, on locations, the area and the confidential flag.
 *
 * <p>The <em>confidential</em> export adds, for organisations in the caller's scope only, what the public never sees:
 * the SPOC, capacity regardless of the opt-in, a confidential location's address, coordinates and phone, and non-public
 * contacts. See the module README ("Export and import").
 */
final class HsdsExport {

    static final String EXTENSION = "pathways";

    private HsdsExport() {
    }

    static Map<String, Object> service(OpenFeedResource.FeedContext ctx, DirectoryService s, boolean confidential,
            List<Contact> nonPublicContacts) {
        Map<String, Object> m = ctx.service(s, true);
        Organisation org = ctx.rows().orgs().get(s.organisationId);
        Map<String, Object> x = new LinkedHashMap<>();
        if (!s.interpretingLanguages.isEmpty()) x.put("interpreting_languages", new ArrayList<>(new TreeSet<>(s.interpretingLanguages)));
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("accepts_partner_referrals", s.acceptsPartnerReferrals);
        rules.put("accepts_professional_referrals", s.acceptsProfessionalReferrals);
        rules.put("accepts_self_referrals", s.acceptsSelfReferrals);
        rules.put("accepts_nrpf", s.acceptsNrpf);
        rules.put("gender", s.gender.name());
        x.put("referral_rules", rules);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("working_days", s.responseWorkingDays);
        target.put("remind_before_working_days", s.remindBeforeWorkingDays);
        target.put("expire_after_working_days", s.expireAfterWorkingDays);
        target.put("nation", s.nation.name());
        x.put("response_target", target);
        if (confidential || org.capacityPublic) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("status", s.capacityStatus.name());
            if (s.capacityWaitWeeks != null) c.put("wait_weeks", s.capacityWaitWeeks);
            if (s.capacityAvailable != null) c.put("available", s.capacityAvailable);
            if (s.capacityMaximum != null) c.put("maximum", s.capacityMaximum);
            if (s.capacityUnit != null) c.put("unit", s.capacityUnit);
            c.put("updated", Hsds.timestamp(s.capacityUpdatedAt));
            x.put("capacity", c);
        }
        if (confidential && s.spoc != null) {
            Map<String, Object> spoc = new LinkedHashMap<>();
            if (s.spoc.userId != null) spoc.put("user_id", s.spoc.userId.toString());
            if (s.spoc.username != null) spoc.put("username", s.spoc.username);
            if (s.spoc.mailbox != null) spoc.put("mailbox", s.spoc.mailbox);
            x.put("spoc", spoc);
        }
        m.put(EXTENSION, x);
        // The organisation's opt-in travels with it, so capacity stays published (or not) after an import.
        @SuppressWarnings("unchecked")
        Map<String, Object> organization = (Map<String, Object>) m.get("organization");
        if (organization != null) {
            organization = new LinkedHashMap<>(organization);
            organization.put(EXTENSION, Map.of("capacity_public", org.capacityPublic));
            m.put("organization", organization);
        }
        locations(m, ctx, s, confidential);
        if (confidential && !nonPublicContacts.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object> contacts = new ArrayList<>((List<Object>) m.getOrDefault("contacts", List.of()));
            for (Contact c : nonPublicContacts) {
                Map<String, Object> cm = Hsds.contact(c);
                cm.put(EXTENSION, Map.of("public", false));
                contacts.add(cm);
            }
            m.put("contacts", contacts);
        }
        return m;
    }

    /** Adds the area and confidential flag to each location; the full address of a confidential one in scope. */
    @SuppressWarnings("unchecked")
    private static void locations(Map<String, Object> m, OpenFeedResource.FeedContext ctx, DirectoryService s, boolean confidential) {
        Object sals = m.get("service_at_locations");
        if (!(sals instanceof List<?> list)) return;
        for (Object o : list) {
            Map<String, Object> sal = (Map<String, Object>) o;
            Location l = ctx.rows().locations().get(UUID.fromString((String) sal.get("location_id")));
            if (l == null) continue;
            Map<String, Object> loc;
            if (l.confidential && confidential) {
                // In scope: the real location (address, coordinates, phone), marked confidential so an import keeps it so.
                Location open = copyAsPublic(l);
                loc = Hsds.location(open);
            } else {
                loc = new LinkedHashMap<>((Map<String, Object>) sal.get("location"));
            }
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("area", l.area);
            if (l.confidential) x.put("confidential", true);
            loc.put(EXTENSION, x);
            sal.put("location", loc);
        }
    }

    private static Location copyAsPublic(Location l) {
        Location c = new Location();
        c.id = l.id;
        c.organisationId = l.organisationId;
        c.name = l.name;
        c.confidential = false;
        c.address1 = l.address1;
        c.city = l.city;
        c.postcode = l.postcode;
        c.area = l.area;
        c.latitude = l.latitude;
        c.longitude = l.longitude;
        c.phone = l.phone;
        return c;
    }

    /** Organisations whose confidential details the caller may export. */
    static boolean inScope(Set<UUID> scope, UUID organisationId) {
        return scope.contains(organisationId);
    }
}
