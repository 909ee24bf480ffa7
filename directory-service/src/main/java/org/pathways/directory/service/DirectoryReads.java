package org.pathways.directory.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.pathways.directory.config.DirectoryConfig;
import org.pathways.directory.domain.DataSharingAgreement;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Location;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.domain.ServiceAtLocation;
import org.pathways.directory.rest.Routing;
import org.pathways.directory.rest.ServiceView;

/** Read models of the partnership API and the internal API. */
@ApplicationScoped
public class DirectoryReads {

    @Inject
    EntityManager em;

    @Inject
    DirectoryConfig config;

    public boolean isStale(DirectoryService s) {
        return s.capacityUpdatedAt == null
                || s.capacityUpdatedAt.isBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(config.capacityStaleAfter()));
    }

    public Routing.SpocView spoc(DirectoryService s, Organisation org) {
        if (s.spoc != null) return Routing.SpocView.of("SERVICE", s.spoc);
        if (org != null && org.spoc != null) return Routing.SpocView.of("ORGANISATION", org.spoc);
        return null;
    }

    public Routing.ResponseTarget target(DirectoryService s) {
        return new Routing.ResponseTarget(s.responseWorkingDays, s.remindBeforeWorkingDays, s.expireAfterWorkingDays,
                s.nation.name(), s.nation.bankHolidayDivision());
    }

    public Routing routing(DirectoryService s) {
        Organisation org = Organisation.findById(s.organisationId);
        boolean accepts = "active".equals(s.status)
                && (s.acceptsPartnerReferrals || s.acceptsProfessionalReferrals || s.acceptsSelfReferrals);
        return new Routing(s.id, s.organisationId, s.status, accepts, s.acceptsPartnerReferrals,
                s.acceptsProfessionalReferrals, s.acceptsSelfReferrals, s.connector, s.capacityStatus.name(),
                spoc(s, org), target(s));
    }

    /** Views of several services with their organisations and locations loaded in three queries. */
    public List<ServiceView> views(List<DirectoryService> services, Collection<String> requestedNeeds, Set<UUID> agreementPartners) {
        if (services.isEmpty()) return List.of();
        Set<UUID> orgIds = services.stream().map(s -> s.organisationId).collect(Collectors.toSet());
        Map<UUID, Organisation> orgs = new HashMap<>();
        Organisation.<Organisation>list("id in ?1", orgIds).forEach(o -> orgs.put(o.id, o));
        List<UUID> ids = services.stream().map(s -> s.id).toList();
        Map<UUID, List<UUID>> locationIdsByService = new HashMap<>();
        List<ServiceAtLocation> links = ServiceAtLocation.list("serviceId in ?1", ids);
        links.forEach(l -> locationIdsByService.computeIfAbsent(l.serviceId, k -> new ArrayList<>()).add(l.locationId));
        Map<UUID, Location> locations = new HashMap<>();
        Set<UUID> locIds = links.stream().map(l -> l.locationId).collect(Collectors.toSet());
        if (!locIds.isEmpty()) Location.<Location>list("id in ?1", locIds).forEach(l -> locations.put(l.id, l));
        List<ServiceView> out = new ArrayList<>();
        for (DirectoryService s : services) {
            Organisation org = orgs.get(s.organisationId);
            List<ServiceView.Place> places = locationIdsByService.getOrDefault(s.id, List.of()).stream()
                    .map(locations::get).map(DirectoryReads::place).toList();
            List<String> matched = requestedNeeds == null ? null
                    : s.needCodes.stream().filter(requestedNeeds::contains).sorted().toList();
            out.add(new ServiceView(s.id, s.name, s.description, s.status, new ServiceView.Org(org.id, org.name), s.connector,
                    sorted(s.needCodes), matched, sorted(s.languages), sorted(s.interpretingLanguages), List.copyOf(s.areas),
                    places,
                    new ServiceView.Eligibility(s.gender.name(), s.minimumAge, s.maximumAge, s.acceptsNrpf,
                            s.acceptsPartnerReferrals, s.acceptsProfessionalReferrals, s.acceptsSelfReferrals,
                            s.eligibilityDescription),
                    new ServiceView.Capacity(s.capacityStatus.name(), s.capacityWaitWeeks, s.capacityAvailable, s.capacityMaximum,
                            s.capacityUnit, s.capacityUpdatedAt, isStale(s)),
                    spoc(s, org), target(s),
                    agreementPartners == null ? null : agreementPartners.contains(s.organisationId),
                    s.url, s.email, s.phone,
                    s.schedules.stream().map(x -> new ServiceView.Schedule(x.byday, x.opensAt.toString(), x.closesAt.toString(),
                            x.description)).toList(),
                    s.version, s.updatedAt));
        }
        return out;
    }

    /** A location as partnership staff see it: a confidential one shows its area, never its address or postcode. */
    static ServiceView.Place place(Location l) {
        if (l.confidential) return new ServiceView.Place(l.id, null, l.area, true, null, null);
        String address = l.address1 == null ? null : l.address1 + (l.city == null ? "" : ", " + l.city);
        return new ServiceView.Place(l.id, l.name, l.area, false, address, l.postcode);
    }

    private static List<String> sorted(Collection<String> c) {
        return new ArrayList<>(new TreeSet<>(c));
    }

    // ---- partnerships and agreements ----

    /** Organisations that share a current data sharing agreement with {@code org} (itself included when it is a party). */
    @SuppressWarnings("unchecked")
    public Set<UUID> agreementPartners(UUID org) {
        List<Object> rows = em.createNativeQuery("""
                select distinct p2.organisation_id from data_sharing_party p1
                join data_sharing_agreement a on a.id = p1.agreement_id
                join data_sharing_party p2 on p2.agreement_id = a.id
                join partnership_member m1 on m1.partnership_id = a.partnership_id and m1.organisation_id = p1.organisation_id
                join partnership_member m2 on m2.partnership_id = a.partnership_id and m2.organisation_id = p2.organisation_id
                where p1.organisation_id = ?1 and a.starts_on <= ?2 and (a.ends_on is null or a.ends_on >= ?2)
                """).setParameter(1, org).setParameter(2, LocalDate.now(ZoneOffset.UTC)).getResultList();
        Set<UUID> out = new HashSet<>();
        rows.forEach(r -> out.add((UUID) r));
        return out;
    }

    /** Current agreements under which both organisations are parties and members of the agreement's partnership. */
    public List<DataSharingAgreement> sharedAgreements(UUID a, UUID b) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return DataSharingAgreement.<DataSharingAgreement>list("""
                select d from DataSharingAgreement d
                where ?1 member of d.parties and ?2 member of d.parties
                  and exists (select 1 from PartnershipMember m where m.partnershipId = d.partnershipId and m.organisationId = ?1)
                  and exists (select 1 from PartnershipMember m where m.partnershipId = d.partnershipId and m.organisationId = ?2)
                order by d.startsOn
                """, a, b).stream().filter(d -> d.isCurrent(today)).toList();
    }
}
