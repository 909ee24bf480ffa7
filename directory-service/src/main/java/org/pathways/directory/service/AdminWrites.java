package org.pathways.directory.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Gazetteer;
import org.pathways.directory.domain.Location;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.domain.Partnership;
import org.pathways.directory.domain.PartnershipMember;
import org.pathways.directory.domain.ServiceAtLocation;
import org.pathways.directory.api.AdminRequests.LocationRequest;
import org.pathways.directory.api.AdminRequests.OrganisationRequest;
import org.pathways.directory.api.AdminRequests.PartnershipRequest;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;

/**
 * Organisation admins' locations and organisation details, and partnership admins creating partnerships. As in
 * {@link DirectoryWrites}, anything of another organisation is "not found".
 */
@ApplicationScoped
public class AdminWrites {

    @Inject
    DirectoryEvents events;

    // ---- locations ----

    /** The caller's own location, or 404. */
    public Location ownLocation(UUID organisationId, UUID locationId) {
        Location l = Location.findById(locationId);
        if (l == null || !l.organisationId.equals(organisationId)) throw ProblemException.notFound("Location");
        return l;
    }

    @Transactional
    public Location createLocation(UUID organisationId, LocationRequest r, UUID actor) {
        Location l = new Location();
        l.id = UUID.randomUUID();
        l.organisationId = organisationId;
        apply(l, r);
        l.persist();
        Location.getEntityManager().flush(); // the event carries the stored version
        events.locationChanged(l, "CREATED", List.of(), actor);
        return l;
    }

    @Transactional
    public Location replaceLocation(UUID organisationId, UUID locationId, LocationRequest r, UUID actor) {
        Location l = ownLocation(organisationId, locationId);
        apply(l, r);
        List<UUID> services = touchServicesAt(l.id); // the feed's last_modified of the services delivered there
        Location.getEntityManager().flush(); // the event carries the new version
        events.locationChanged(l, "UPDATED", services, actor);
        return l;
    }

    /** A location still linked to a service cannot go (409): unlink it from the services first. */
    @Transactional
    public void deleteLocation(UUID organisationId, UUID locationId, UUID actor) {
        Location l = ownLocation(organisationId, locationId);
        if (ServiceAtLocation.count("locationId", l.id) > 0) {
            throw ProblemException.conflict("location-in-use", "Services are still delivered at this location.");
        }
        l.delete();
        events.locationChanged(l, "DELETED", List.of(), actor);
    }

    private static void apply(Location l, LocationRequest r) {
        List<Problem.FieldError> bad = new ArrayList<>();
        boolean confidential = Boolean.TRUE.equals(r.confidential());
        String postcode = null;
        if (r.postcode() != null && !r.postcode().isBlank()) {
            postcode = Gazetteer.normalisePostcode(r.postcode()).orElse(null);
            if (postcode == null) bad.add(new Problem.FieldError("postcode", "must be a UK postcode or postcode district"));
        }
        if ((r.latitude() == null) != (r.longitude() == null)) {
            bad.add(new Problem.FieldError("longitude", "give both latitude and longitude, or neither"));
        }
        // A confidential location is published as its area's centre: the area must be one the gazetteer knows.
        if (confidential && Gazetteer.area(r.area()).isEmpty()) {
            bad.add(new Problem.FieldError("area", "must be a known area (e.g. Coventry) for a confidential location"));
        }
        if (!bad.isEmpty()) throw ProblemException.badRequest("Some fields are invalid.", bad);
        l.name = r.name().trim();
        l.confidential = confidential;
        l.address1 = blankToNull(r.address1());
        l.city = blankToNull(r.city());
        l.postcode = postcode;
        l.area = Gazetteer.area(r.area()).map(Gazetteer.Area::name).orElse(r.area().trim());
        l.latitude = r.latitude();
        l.longitude = r.longitude();
        l.phone = blankToNull(r.phone());
    }

    /** Marks the services delivered at the location as modified; returns their ids. */
    private static List<UUID> touchServicesAt(UUID locationId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<UUID> ids = new ArrayList<>();
        for (ServiceAtLocation sal : ServiceAtLocation.<ServiceAtLocation>list("locationId", locationId)) {
            DirectoryService s = DirectoryService.findById(sal.serviceId);
            if (s != null) {
                s.updatedAt = now;
                ids.add(s.id);
            }
        }
        return ids;
    }

    // ---- organisation ----

    /** The caller's own organisation, or 404 (another organisation's id looks like an unknown one). */
    public Organisation ownOrganisation(UUID callerOrganisationId, UUID organisationId) {
        Organisation o = Organisation.findById(organisationId);
        if (o == null || !o.id.equals(callerOrganisationId)) throw ProblemException.notFound("Organisation");
        return o;
    }

    @Transactional
    public Organisation updateOrganisation(UUID callerOrganisationId, UUID organisationId, OrganisationRequest r) {
        Organisation o = ownOrganisation(callerOrganisationId, organisationId);
        boolean renamed = !o.name.equals(r.name().trim());
        o.name = r.name().trim();
        o.description = r.description().trim();
        o.email = blankToNull(r.email());
        o.website = blankToNull(r.website());
        o.phone = blankToNull(r.phone());
        o.nation = r.nation();
        o.capacityPublic = r.capacityPublic();
        o.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        // Free-text search covers the organisation's name; capacity in the feed changes with the opt-in.
        OffsetDateTime now = o.updatedAt;
        for (DirectoryService s : DirectoryService.<DirectoryService>list("organisationId", o.id)) {
            if (renamed) s.refreshSearchText(o.name);
            s.updatedAt = now;
        }
        return o;
    }

    // ---- partnerships ----

    /** A new partnership; the caller's organisation leads it and is its first member. */
    @Transactional
    public Partnership createPartnership(UUID callerOrganisationId, PartnershipRequest r) {
        Organisation own = Organisation.findById(callerOrganisationId);
        if (own == null) {
            throw ProblemException.notFound("Your organisation's directory entry");
        }
        if (own.statutory()) { // its first member would be a statutory partner (ADR 0091)
            throw ProblemException.unprocessable("statutory-partner", "A statutory partner cannot lead or join a partnership.",
                    java.util.List.of(new Problem.FieldError("organisationId", "statutory partner")));
        }
        String name = r.name().trim();
        if (Partnership.count("lower(name) = ?1", name.toLowerCase(java.util.Locale.ROOT)) > 0) {
            throw ProblemException.conflict("partnership-name", "A partnership with this name already exists.");
        }
        Partnership p = new Partnership();
        p.id = UUID.randomUUID();
        p.name = name;
        p.description = blankToNull(r.description());
        p.leadOrganisationId = callerOrganisationId;
        p.persist();
        PartnershipMember m = new PartnershipMember();
        m.partnershipId = p.id;
        m.organisationId = callerOrganisationId;
        m.role = PartnershipMember.Role.LEAD;
        m.joinedOn = LocalDate.now(ZoneOffset.UTC);
        m.persist();
        return p;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
