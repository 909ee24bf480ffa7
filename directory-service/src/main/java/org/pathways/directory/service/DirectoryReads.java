package org.pathways.directory.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.pathways.directory.config.DirectoryConfig;
import org.pathways.directory.domain.Contact;
import org.pathways.directory.domain.DataSharingAgreement;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.domain.Partnership;
import org.pathways.directory.domain.PartnershipMember;
import org.pathways.directory.repository.ServiceViewQueries;
import org.pathways.directory.api.ContactView;
import org.pathways.directory.api.PartnershipView;
import org.pathways.directory.api.PartnershipView.AgreementView;
import org.pathways.directory.api.PartnershipView.MemberView;
import org.pathways.directory.api.Routing;
import org.pathways.directory.api.ServiceView;

/** Read models of the partnership API and the internal API. */
@ApplicationScoped
public class DirectoryReads {

    @Inject
    EntityManager em;

    @Inject
    DirectoryConfig config;

    @Inject
    ServiceViewQueries viewQueries;

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
                spoc(s, org), target(s), s.minimumNeeds, s.supportWeeks, s.supportWeeksIfDdvcEligible,
                org == null ? null : org.kind.name(), org == null || org.statutoryRole == null ? null : org.statutoryRole.name());
    }

    /**
     * Staff views of these services, in this order (plain SQL, see {@link ServiceViewQueries}). Changes made in this
     * transaction are flushed first so a write's response shows what it wrote.
     */
    public List<ServiceView> views(List<UUID> serviceIds, Collection<String> requestedNeeds, Set<UUID> agreementPartners) {
        if (serviceIds.isEmpty()) return List.of();
        if (em.isJoinedToTransaction()) em.flush();
        return viewQueries.views(serviceIds, requestedNeeds, agreementPartners, config.capacityStaleAfter());
    }

    // ---- partnerships and agreements ----

    /** Organisations that share a current data sharing agreement with {@code org} (itself included when it is a party). */
    public Set<UUID> agreementPartners(UUID org) {
        return viewQueries.agreementPartners(org);
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

    /** Every partnership the organisation is a member of. */
    public List<PartnershipView> partnershipsOf(UUID org) {
        return PartnershipMember.<PartnershipMember>list("organisationId", org).stream()
                .map(m -> partnershipView(Partnership.findById(m.partnershipId))).toList();
    }

    /** The partnership if the organisation is one of its members (nobody else learns that it exists). */
    public Optional<PartnershipView> partnershipOf(UUID org, UUID partnershipId) {
        if (PartnershipMember.findById(new PartnershipMember.Key(partnershipId, org)) == null) return Optional.empty();
        return Optional.of(partnershipView(Partnership.findById(partnershipId)));
    }

    public PartnershipView partnershipView(Partnership p) {
        List<MemberView> members = PartnershipMember.<PartnershipMember>list("partnershipId = ?1 order by role, organisationId", p.id)
                .stream().map(m -> {
                    Organisation o = Organisation.findById(m.organisationId);
                    return new MemberView(m.organisationId, o.name, m.role.name(), m.joinedOn.toString());
                }).toList();
        List<AgreementView> agreements = DataSharingAgreement.<DataSharingAgreement>list("partnershipId = ?1 order by startsOn", p.id)
                .stream().map(AgreementView::of).toList();
        return new PartnershipView(p.id, p.name, p.description, p.leadOrganisationId, members, agreements,
                PartnershipView.ReportingCalendarView.of(p.reportingPeriod, p.reportingAnchor));
    }

    // ---- contacts ----

    /** The organisation's contacts, its services' and its own. */
    public List<ContactView> contacts(UUID org) {
        return Contact.<Contact>list("organisationId = ?1 order by title, id", org).stream().map(ContactView::of).toList();
    }
}
