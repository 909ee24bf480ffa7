package org.pathways.directory.service;

import org.pathways.contracts.vocab.EligibilityCode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.NeedCode;
import org.pathways.directory.domain.CapacityStatus;
import org.pathways.directory.domain.Contact;
import org.pathways.directory.domain.DirectoryService;
import org.pathways.directory.domain.Location;
import org.pathways.directory.domain.Organisation;
import org.pathways.directory.domain.Partnership;
import org.pathways.directory.domain.PartnershipMember;
import org.pathways.directory.domain.ScheduleEntry;
import org.pathways.directory.domain.ServiceAtLocation;
import org.pathways.directory.domain.Spoc;
import org.pathways.directory.api.WriteRequests.CapacityRequest;
import org.pathways.directory.api.WriteRequests.ContactRequest;
import org.pathways.directory.api.WriteRequests.MemberRequest;
import org.pathways.directory.api.WriteRequests.ResponseTargetRequest;
import org.pathways.directory.api.WriteRequests.ServiceRequest;
import org.pathways.directory.api.WriteRequests.SpocRequest;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;

/**
 * Every change to the directory, each in one transaction with its outbox event. Callers pass the organisation the
 * caller acts for; anything of another organisation is "not found" (guessed ids learn nothing).
 */
@ApplicationScoped
public class DirectoryWrites {

    @Inject
    EntityManager em;

    @Inject
    DirectoryEvents events;

    @Inject
    RoutingAudit routing;

    // ---- services ----

    @Transactional
    public DirectoryService createService(UUID organisationId, ServiceRequest r, UUID actor) {
        Organisation org = Organisation.findById(organisationId);
        if (org == null) throw ProblemException.notFound("Your organisation's directory entry");
        DirectoryService s = new DirectoryService();
        s.id = UUID.randomUUID();
        s.organisationId = organisationId;
        s.nation = org.nation;
        s.source = DirectoryService.Source.LOCAL;
        s.capacityUpdatedAt = now();
        apply(s, r);
        s.refreshSearchText(org.name);
        s.updatedAt = now();
        s.persist();
        linkLocations(s, r.locationIds());
        em.flush();
        events.serviceCreated(s, actor);
        return s;
    }

    @Transactional
    public DirectoryService replaceService(UUID organisationId, UUID serviceId, ServiceRequest r, UUID actor) {
        DirectoryService s = ownService(organisationId, serviceId);
        apply(s, r);
        Organisation org = Organisation.findById(organisationId);
        s.refreshSearchText(org.name);
        touch(s);
        if (r.locationIds() != null) { // absent: keep where the service is delivered
            ServiceAtLocation.delete("serviceId", s.id);
            linkLocations(s, r.locationIds());
        }
        em.flush();
        events.serviceUpdated(s, actor);
        return s;
    }

    @Transactional
    public DirectoryService setCapacity(UUID organisationId, UUID serviceId, CapacityRequest r, UUID actor) {
        DirectoryService s = ownService(organisationId, serviceId);
        if (r.status() == CapacityStatus.WAITLIST && r.waitWeeks() == null) {
            throw ProblemException.invalidField("waitWeeks", "is required for WAITLIST");
        }
        if (r.available() != null && r.maximum() != null && r.available() > r.maximum()) {
            throw ProblemException.unprocessable("capacity-inconsistent", "Available capacity exceeds the maximum.",
                    List.of(new Problem.FieldError("available", "must not exceed maximum")));
        }
        CapacityStatus previous = s.capacityStatus;
        s.capacityStatus = r.status();
        s.capacityWaitWeeks = r.status() == CapacityStatus.WAITLIST ? r.waitWeeks() : null;
        s.capacityAvailable = r.available();
        s.capacityMaximum = r.maximum();
        s.capacityUnit = r.unit();
        // Confirming the same status still counts: it resets the stale clock.
        s.capacityUpdatedAt = now();
        touch(s);
        em.flush();
        events.capacityChanged(s, previous, actor);
        return s;
    }

    @Transactional
    public DirectoryService setServiceSpoc(UUID organisationId, UUID serviceId, SpocRequest r, UUID actor) {
        requireSpoc(r);
        DirectoryService s = ownService(organisationId, serviceId);
        Spoc before = s.spoc;
        s.spoc = Spoc.of(r.userId(), r.username(), r.mailbox());
        touch(s);
        em.flush();
        events.spocChanged(s.id, s.organisationId, s.spoc.userId, s.version, actor);
        routing.record(s.organisationId, s.id, before, s.spoc, RoutingAudit.Source.API, actor);
        return s;
    }

    @Transactional
    public Organisation setOrganisationSpoc(UUID organisationId, UUID targetOrganisationId, SpocRequest r, UUID actor) {
        requireSpoc(r);
        if (!organisationId.equals(targetOrganisationId)) throw ProblemException.notFound("Organisation");
        Organisation o = Organisation.findById(organisationId);
        if (o == null) throw ProblemException.notFound("Organisation");
        Spoc before = o.spoc;
        o.spoc = Spoc.of(r.userId(), r.username(), r.mailbox());
        o.updatedAt = now();
        em.flush();
        events.spocChanged(null, o.id, o.spoc.userId, o.version, actor);
        routing.record(o.id, null, before, o.spoc, RoutingAudit.Source.API, actor);
        return o;
    }

    @Transactional
    public DirectoryService setResponseTarget(UUID organisationId, UUID serviceId, ResponseTargetRequest r, UUID actor) {
        if (r.remindBeforeWorkingDays() >= r.workingDays()) {
            throw ProblemException.unprocessable("target-inconsistent", "The reminder must come before the target.",
                    List.of(new Problem.FieldError("remindBeforeWorkingDays", "must be less than workingDays")));
        }
        if (r.expireAfterWorkingDays() < r.workingDays()) {
            throw ProblemException.unprocessable("target-inconsistent", "A referral cannot expire before its target.",
                    List.of(new Problem.FieldError("expireAfterWorkingDays", "must be at least workingDays")));
        }
        DirectoryService s = ownService(organisationId, serviceId);
        s.responseWorkingDays = r.workingDays();
        s.remindBeforeWorkingDays = r.remindBeforeWorkingDays();
        s.expireAfterWorkingDays = r.expireAfterWorkingDays();
        s.nation = r.nation();
        touch(s);
        em.flush();
        events.serviceUpdated(s, actor);
        return s;
    }

    // ---- contacts ----

    @Transactional
    public Contact addContact(UUID organisationId, UUID serviceId, ContactRequest r) {
        if (serviceId != null) ownService(organisationId, serviceId);
        if (isBlank(r.email()) && isBlank(r.phone())) {
            throw ProblemException.invalidField("email", "a contact needs an email or a phone");
        }
        Contact c = new Contact();
        c.id = UUID.randomUUID();
        c.organisationId = organisationId;
        c.serviceId = serviceId;
        c.name = r.name();
        c.title = r.title();
        c.email = r.email();
        c.phone = r.phone();
        c.isPublic = Boolean.TRUE.equals(r.isPublic());
        c.persist();
        return c;
    }

    @Transactional
    public void deleteContact(UUID organisationId, UUID contactId) {
        Contact c = Contact.findById(contactId);
        if (c == null || !c.organisationId.equals(organisationId)) throw ProblemException.notFound("Contact");
        c.delete();
    }

    // ---- membership ----

    /** Only a partnership admin of the partnership's lead organisation manages its membership. */
    @Transactional
    public PartnershipMember addMember(UUID callerOrganisationId, UUID partnershipId, MemberRequest r) {
        Partnership p = administeredPartnership(callerOrganisationId, partnershipId);
        Organisation joining = Organisation.findById(r.organisationId());
        if (joining == null) {
            throw ProblemException.unprocessable("unknown-organisation", "The organisation is not in the directory.",
                    List.of(new Problem.FieldError("organisationId", "unknown organisation")));
        }
        if (joining.statutory()) { // statutory partners receive referrals outside any agreement and never join (ADR 0091)
            throw ProblemException.unprocessable("statutory-partner",
                    "A statutory partner (" + joining.statutoryRole + ") cannot be a partnership member.",
                    List.of(new Problem.FieldError("organisationId", "statutory partner: never a member")));
        }
        if (PartnershipMember.findById(new PartnershipMember.Key(p.id, r.organisationId())) != null) {
            throw ProblemException.conflict("already-member", "The organisation is already a member of this partnership.");
        }
        PartnershipMember m = new PartnershipMember();
        m.partnershipId = p.id;
        m.organisationId = r.organisationId();
        m.role = r.role() == null || r.role() == PartnershipMember.Role.LEAD ? PartnershipMember.Role.MEMBER : r.role();
        m.joinedOn = LocalDate.now(ZoneOffset.UTC);
        m.persist();
        events.partnershipChanged(p.id, "MEMBER_ADDED", m.organisationId, null, bump(p));
        return m;
    }

    @Transactional
    public void removeMember(UUID callerOrganisationId, UUID partnershipId, UUID organisationId) {
        Partnership p = administeredPartnership(callerOrganisationId, partnershipId);
        if (p.leadOrganisationId.equals(organisationId)) {
            throw ProblemException.conflict("lead-member", "The lead organisation cannot leave its own partnership.");
        }
        PartnershipMember m = PartnershipMember.findById(new PartnershipMember.Key(p.id, organisationId));
        if (m == null) throw ProblemException.notFound("Member");
        m.delete();
        events.partnershipChanged(p.id, "MEMBER_REMOVED", organisationId, null, bump(p));
    }

    /** Records a new version of the partnership's agreement (earlier versions stay, with their own dates). */
    @Transactional
    public org.pathways.directory.domain.DataSharingAgreement addAgreement(UUID callerOrganisationId, UUID partnershipId,
            org.pathways.directory.api.WriteRequests.AgreementRequest r) {
        Partnership p = administeredPartnership(callerOrganisationId, partnershipId);
        if (r.endsOn() != null && r.endsOn().isBefore(r.startsOn())) {
            throw ProblemException.unprocessable("agreement-dates", "The agreement ends before it starts.",
                    List.of(new Problem.FieldError("endsOn", "must not be before startsOn")));
        }
        List<Problem.FieldError> bad = new ArrayList<>();
        for (int i = 0; i < r.parties().size(); i++) {
            PartnershipMember m = PartnershipMember.findById(new PartnershipMember.Key(p.id, r.parties().get(i)));
            if (m == null || m.role == PartnershipMember.Role.REPORTING) {
                bad.add(new Problem.FieldError("parties[" + i + "]", "must be a (non-reporting) member of the partnership"));
            }
        }
        if (!bad.isEmpty()) throw ProblemException.unprocessable("agreement-parties", "Every party must be a member.", bad);
        if (org.pathways.directory.domain.DataSharingAgreement.count("partnershipId = ?1 and agreementVersion = ?2", p.id,
                r.version()) > 0) {
            throw ProblemException.conflict("agreement-version", "This version of the agreement is already recorded.");
        }
        org.pathways.directory.domain.DataSharingAgreement a = new org.pathways.directory.domain.DataSharingAgreement();
        a.id = UUID.randomUUID();
        a.partnershipId = p.id;
        a.title = r.title().trim();
        a.agreementVersion = r.version();
        a.startsOn = r.startsOn();
        a.endsOn = r.endsOn();
        a.parties.addAll(r.parties());
        a.persist();
        events.partnershipChanged(p.id, "AGREEMENT_RECORDED", null, a.id, bump(p));
        return a;
    }

    /**
     * Sets the partnership's reporting calendar (ADR 0076, amended), or with {@code r == null} returns it to the default.
     * Only the lead organisation's partnership admins, like membership. An unchanged calendar changes nothing and
     * publishes nothing; a change bumps the version and publishes {@code partnership.changed} CALENDAR_CHANGED, so
     * readers drop what they hold (referral-service reads the calendar again for its next report).
     */
    @Transactional
    public Partnership setReportingCalendar(UUID callerOrganisationId, UUID partnershipId,
            org.pathways.directory.api.WriteRequests.ReportingCalendarRequest r) {
        Partnership p = administeredPartnership(callerOrganisationId, partnershipId);
        if (r != null && r.reportingAnchor().getDayOfMonth() != 1) {
            // A period of months starts on a 1st: the 31st has no counterpart in most months.
            throw ProblemException.invalidField("reportingAnchor", "must be the 1st of a month");
        }
        String period = r == null ? null : r.reportingPeriod();
        LocalDate anchor = r == null ? null : r.reportingAnchor();
        if (Objects.equals(period, p.reportingPeriod) && Objects.equals(anchor, p.reportingAnchor)) return p;
        bump(p);
        p.reportingPeriod = period;
        p.reportingAnchor = anchor;
        em.flush(); // the version the event carries is the one committed
        events.partnershipChanged(p.id, "CALENDAR_CHANGED", null, null, p.version);
        return p;
    }

    /**
     * Removes a partnership created by mistake (issue 14, finding 7): only while nothing refers to it, i.e. its lead is
     * its only member and it has no data sharing agreement (every sharing, report and override stands on an agreement,
     * so a partnership without one was never used). Otherwise 409 naming what still refers to it.
     */
    @Transactional
    public void deletePartnership(UUID callerOrganisationId, UUID partnershipId) {
        Partnership p = administeredPartnership(callerOrganisationId, partnershipId);
        long members = PartnershipMember.count("partnershipId = ?1 and organisationId <> ?2", p.id, p.leadOrganisationId);
        long agreements = org.pathways.directory.domain.DataSharingAgreement.count("partnershipId", p.id);
        if (members > 0 || agreements > 0) {
            throw ProblemException.conflict("partnership-in-use", "The partnership still has " + members
                    + " member(s) besides its lead and " + agreements
                    + " data sharing agreement version(s); remove the members first. A partnership with an agreement is kept.");
        }
        long version = bump(p);
        PartnershipMember.delete("partnershipId", p.id);
        em.flush();
        p.delete();
        events.partnershipChanged(p.id, "DELETED", null, null, version);
    }

    /**
     * Membership and agreements live in their own rows: a change to them bumps the partnership's version here (and locks
     * its row, so two changes of one partnership commit in version order), which its {@code partnership.changed} event
     * carries (ADR 0061).
     */
    private long bump(Partnership p) {
        em.lock(p, jakarta.persistence.LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        return p.version;
    }

    private Partnership administeredPartnership(UUID callerOrganisationId, UUID partnershipId) {
        Partnership p = Partnership.findById(partnershipId);
        if (p == null || PartnershipMember.findById(new PartnershipMember.Key(partnershipId, callerOrganisationId)) == null) {
            throw ProblemException.notFound("Partnership");
        }
        if (!p.leadOrganisationId.equals(callerOrganisationId)) {
            throw ProblemException.forbidden("Only the lead organisation's partnership admins manage membership.");
        }
        return p;
    }

    // ---- demo data ----

    @Transactional(Transactional.TxType.MANDATORY)
    public void insertDemoService(DirectoryService s, UUID locationId) {
        Organisation org = Organisation.findById(s.organisationId);
        s.refreshSearchText(org.name);
        s.updatedAt = now();
        if (s.capacityUpdatedAt == null) s.capacityUpdatedAt = now();
        s.persist();
        if (locationId != null) {
            ServiceAtLocation sal = new ServiceAtLocation();
            sal.id = DemoDataLoader.id("sal:" + s.id);
            sal.serviceId = s.id;
            sal.locationId = locationId;
            sal.persist();
        }
    }

    // ---- helpers ----

    /** The caller's own service, or 404 (another organisation's service looks exactly like a missing one). */
    public DirectoryService ownService(UUID organisationId, UUID serviceId) {
        DirectoryService s = DirectoryService.findById(serviceId);
        if (s == null || !s.organisationId.equals(organisationId)) throw ProblemException.notFound("Service");
        return s;
    }

    private void apply(DirectoryService s, ServiceRequest r) {
        if (r.minimumAge() != null && r.maximumAge() != null && r.minimumAge() > r.maximumAge()) {
            throw ProblemException.unprocessable("ages-inconsistent", "The minimum age is above the maximum age.",
                    List.of(new Problem.FieldError("minimumAge", "must not exceed maximumAge")));
        }
        List<Problem.FieldError> bad = new ArrayList<>();
        LinkedHashSet<String> needs = new LinkedHashSet<>();
        for (int i = 0; i < r.needCodes().size(); i++) {
            try {
                needs.add(NeedCode.fromCode(r.needCodes().get(i)).code());
            } catch (IllegalArgumentException e) {
                bad.add(new Problem.FieldError("needCodes[" + i + "]", "unknown need code"));
            }
        }
        if (r.schedules() != null) {
            for (int i = 0; i < r.schedules().size(); i++) {
                if (!r.schedules().get(i).closesAt().isAfter(r.schedules().get(i).opensAt())) {
                    bad.add(new Problem.FieldError("schedules[" + i + "].closesAt", "must be after opensAt"));
                }
            }
        }
        if (!bad.isEmpty()) throw ProblemException.badRequest("Some fields are invalid.", bad);
        s.name = r.name().trim();
        s.description = r.description();
        s.status = r.status() == null ? "active" : r.status();
        s.url = r.url();
        s.email = r.email();
        s.phone = r.phone();
        s.applicationProcess = r.applicationProcess();
        s.feesDescription = r.feesDescription();
        s.accessibility = r.accessibility();
        s.eligibilityDescription = r.eligibilityDescription();
        s.minimumAge = r.minimumAge();
        s.maximumAge = r.maximumAge();
        s.gender = r.gender() == null ? org.pathways.directory.domain.Gender.ANY : r.gender();
        s.acceptsPartnerReferrals = !Boolean.FALSE.equals(r.acceptsPartnerReferrals());
        s.acceptsProfessionalReferrals = !Boolean.FALSE.equals(r.acceptsProfessionalReferrals());
        s.acceptsSelfReferrals = Boolean.TRUE.equals(r.acceptsSelfReferrals());
        s.eligibilityCodes.clear();
        if (r.eligibilityCodes() != null) s.eligibilityCodes.addAll(r.eligibilityCodes());
        // acceptsNrpf (the older flag) and the "nrpf" fact are one fact: either sets it (ADR 0063).
        s.acceptNrpf(Boolean.TRUE.equals(r.acceptsNrpf()) || s.eligibilityCodes.contains(EligibilityCode.NRPF.code()));
        s.minimumNeeds = r.minimumNeeds();
        s.supportWeeks = r.supportWeeks();
        s.supportWeeksIfDdvcEligible = r.supportWeeksIfDdvcEligible();
        if (r.nation() != null) s.nation = r.nation();
        s.needCodes.clear();
        s.needCodes.addAll(needs);
        s.languages.clear();
        if (r.languages() != null) s.languages.addAll(r.languages());
        s.interpretingLanguages.clear();
        if (r.interpretingLanguages() != null) s.interpretingLanguages.addAll(r.interpretingLanguages());
        s.areas.clear();
        if (r.areas() != null) r.areas().stream().map(String::trim).distinct().forEach(s.areas::add);
        s.schedules.clear();
        if (r.schedules() != null) {
            r.schedules().forEach(x -> s.schedules.add(new ScheduleEntry(x.byday(), x.opensAt(), x.closesAt(), x.description())));
        }
    }

    private void linkLocations(DirectoryService s, List<UUID> locationIds) {
        if (locationIds == null) return;
        int i = 0;
        for (UUID id : new LinkedHashSet<>(locationIds)) {
            Location l = Location.findById(id);
            if (l == null || !l.organisationId.equals(s.organisationId)) {
                throw ProblemException.invalidField("locationIds[" + i + "]", "unknown location of your organisation");
            }
            ServiceAtLocation sal = new ServiceAtLocation();
            sal.id = UUID.randomUUID();
            sal.serviceId = s.id;
            sal.locationId = id;
            sal.persist();
            i++;
        }
    }

    private static void requireSpoc(SpocRequest r) {
        if (r.userId() == null && isBlank(r.username()) && isBlank(r.mailbox())) {
            throw ProblemException.invalidField("mailbox", "give a userId, a username or a mailbox");
        }
    }

    private void touch(DirectoryService s) {
        s.updatedAt = now();
        // Local edits win over a later re-import of the same service.
        if (s.source == DirectoryService.Source.IMPORT) s.locallyEditedAt = s.updatedAt;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s.trim();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
