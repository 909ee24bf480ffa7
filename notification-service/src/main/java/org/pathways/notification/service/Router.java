package org.pathways.notification.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.payload.ConsentExpired;
import org.pathways.contracts.events.payload.ConsentExpiring;
import org.pathways.contracts.events.payload.ConsentOverrideApproved;
import org.pathways.contracts.events.payload.ConsentOverrideExpired;
import org.pathways.contracts.events.payload.ConsentOverrideRefused;
import org.pathways.contracts.events.payload.ConsentOverrideRequested;
import org.pathways.contracts.events.payload.ConsentWidened;
import org.pathways.contracts.events.payload.ConsentWithdrawn;
import org.pathways.contracts.events.payload.DirectoryCapacityStale;
import org.pathways.contracts.events.payload.DirectoryRoutingChanged;
import org.pathways.contracts.events.payload.DirectorySpocChanged;
import org.pathways.contracts.events.payload.EventPayload;
import org.pathways.contracts.events.payload.EventPayloads;
import org.pathways.contracts.events.payload.ReferralAccessEnded;
import org.pathways.contracts.events.payload.ReferralChallengeAnswered;
import org.pathways.contracts.events.payload.ReferralChallengeRaised;
import org.pathways.contracts.events.payload.ReferralMove;
import org.pathways.contracts.events.payload.ReferralPayload;
import org.pathways.contracts.events.payload.ReferralSupportPeriod;
import org.pathways.contracts.vocab.Roles;
import org.pathways.notification.client.DirectoryClient;
import org.pathways.notification.client.KeycloakUsers;
import org.pathways.notification.client.LookupUnavailableException;
import org.pathways.notification.domain.LeadWorker;
import org.pathways.notification.domain.OverrideParty;
import org.pathways.notification.domain.Recipient;
import org.pathways.notification.domain.ReferralParty;
import org.pathways.notification.domain.Routed;
import org.pathways.notification.domain.TeamMember;
import org.pathways.notification.repository.LeadWorkerRepository;
import org.pathways.notification.repository.OverridePartyRepository;
import org.pathways.notification.repository.ReferralPartyRepository;
import org.pathways.notification.repository.TeamRepository;


/**
 * Who is told about an event (ADR 0040). Runs before the event's transaction: it may ask the directory and Keycloak.
 * When a lookup fails the event still reaches an organisation mailbox (never nobody), so a directory or Keycloak
 * outage delays nobody's work beyond the mailbox.
 */
@ApplicationScoped
public class Router {

    private static final Logger LOG = Logger.getLogger(Router.class);

    @Inject
    DirectoryClient directory;

    @Inject
    KeycloakUsers users;

    @Inject
    ReferralPartyRepository parties;

    @Inject
    OverridePartyRepository overrideParties;

    @Inject
    LeadWorkerRepository leadWorkers;

    @Inject
    TeamRepository teams;

    /** The kind of a team member's notice of a move of her referral (one text: "a referral of someone on your team moved"). */
    public static final String TEAM_KIND = "TEAM_REFERRAL_MOVED";

    /** A SPOC changed: forget the cached routing of that service (of every service for an organisation-level SPOC). */
    public void spocChanged(EventEnvelope event) {
        directory.forgetRouting(EventPayloads.read(event, DirectorySpocChanged.class).serviceId());
    }

    /** Null for event types that notify nobody (other directory changes, consent grants, subject events). */
    public Routed route(EventEnvelope event) {
        String type = event.type();
        // Checked against its schema on the way in (EventIntake), so every required member is there.
        EventPayload p = EventPayloads.read(event);
        String kind = type.substring(EventTypes.PREFIX.length()).replace('.', '_').replace('-', '_').toUpperCase();
        Degraded degraded = new Degraded();
        Set<Recipient> to = new LinkedHashSet<>();
        Set<UUID> hookOrgs = new LinkedHashSet<>();
        Map<Recipient, UUID> about = new LinkedHashMap<>();
        switch (type) {
            case EventTypes.REFERRAL_SENT, EventTypes.REFERRAL_REMINDER, EventTypes.REFERRAL_WITHDRAWN,
                    EventTypes.REFERRAL_ENTERED_IN_ERROR -> {
                ReferralPayload r = (ReferralPayload) p;
                to.addAll(spocs(r.toServiceId(), r.toOrganisationId(), degraded));
                referralOrgs(r, hookOrgs);
            }
            case EventTypes.REFERRAL_ACCEPTED, EventTypes.REFERRAL_DECLINED, EventTypes.REFERRAL_ON_HOLD,
                    EventTypes.REFERRAL_IN_PROGRESS, EventTypes.REFERRAL_COMPLETED, EventTypes.REFERRAL_NOT_COMPLETED -> {
                ReferralPayload r = (ReferralPayload) p;
                to.addAll(referrer(r));
                referralOrgs(r, hookOrgs);
            }
            case EventTypes.REFERRAL_ESCALATED, EventTypes.REFERRAL_EXPIRED -> {
                ReferralPayload r = (ReferralPayload) p;
                to.addAll(referrer(r));
                to.addAll(connector(r.fromOrganisationId(), r.toOrganisationId(), degraded));
                referralOrgs(r, hookOrgs);
            }
            case EventTypes.REFERRAL_CHALLENGE_RAISED -> {
                // ADR 0055: the referrer pushes a referral herself - to the receiving service's SPOC and the Connector.
                ReferralChallengeRaised c = (ReferralChallengeRaised) p;
                boolean review = "DECLINE_REVIEW".equals(c.kind());
                kind = review ? "REFERRAL_DECLINE_REVIEW_REQUESTED" : "REFERRAL_ESCALATION_RAISED";
                to.addAll(spocs(c.toServiceId(), c.toOrganisationId(), degraded));
                to.addAll(connector(c.fromOrganisationId(), c.toOrganisationId(), degraded));
                referralOrgs(c, hookOrgs);
            }
            case EventTypes.REFERRAL_CHALLENGE_ANSWERED -> {
                ReferralChallengeAnswered c = (ReferralChallengeAnswered) p;
                boolean review = "DECLINE_REVIEW".equals(c.kind());
                kind = review ? "REFERRAL_DECLINE_REVIEW_ANSWERED" : "REFERRAL_ESCALATION_ANSWERED";
                to.addAll(referrer(c));
                referralOrgs(c, hookOrgs);
            }
            case EventTypes.REFERRAL_ACCESS_ENDED -> {
                ReferralAccessEnded a = (ReferralAccessEnded) p;
                to.add(Recipient.mailbox(a.organisationId()));
                to.add(Recipient.mailbox(a.fromOrganisationId()));
                hookOrgs.add(a.organisationId());
                referralOrgs(a, hookOrgs);
            }
            case EventTypes.REFERRAL_SUPPORT_PERIOD -> {
                // Issue 17 item 1 (ADR 0073): caseworkers learnt about extensions "only by asking"; the end and the
                // reminder are the referrer's cue to plan her move-on. A start is shown on the referral, not noticed.
                ReferralSupportPeriod sp = (ReferralSupportPeriod) p;
                String change = sp.change();
                UUID provider = sp.toOrganisationId();
                switch (change) {
                    case "EXTENSION_REQUESTED" -> to.addAll(withRoles(provider, Set.of(Roles.REFERRAL_COORDINATOR), degraded));
                    case "EXTENSION_APPROVED", "EXTENSION_REFUSED" -> to.add(Recipient.mailbox(provider));
                    case "ENDING_SOON" -> {
                        to.add(Recipient.mailbox(provider));
                        to.addAll(referrer(sp));
                    }
                    case "ENDED" -> to.addAll(referrer(sp));
                    default -> {
                        return null;
                    }
                }
                kind = "SUPPORT_" + change;
                referralOrgs(sp, hookOrgs);
            }
            case EventTypes.CONSENT_OVERRIDE_REQUESTED -> {
                UUID org = ((ConsentOverrideRequested) p).organisationId();
                to.addAll(withRoles(org, Set.of(Roles.PRIVACY_OFFICER, Roles.REFERRAL_COORDINATOR), degraded));
                hookOrgs.add(org);
            }
            case EventTypes.CONSENT_OVERRIDE_APPROVED -> {
                ConsentOverrideApproved o = (ConsentOverrideApproved) p;
                UUID org = o.organisationId();
                to.addAll(partnershipPrivacyOfficers(o.partnershipId(), org, degraded));
                hookOrgs.add(org);
            }
            case EventTypes.CONSENT_OVERRIDE_REFUSED -> {
                // Whoever asked learns her request was refused (and why, as a code); the organisation's mailbox too, so
                // the coordinators and privacy officers told of the request see it decided (ADR 0090, follow-up).
                ConsentOverrideRefused o = (ConsentOverrideRefused) p;
                UUID org = o.organisationId();
                UUID requester = o.actorUserId() != null ? o.actorUserId()
                        : overrideParties.find(o.overrideId()).map(OverrideParty::requesterUserId).orElse(null);
                if (requester != null) to.add(Recipient.user(requester));
                to.add(Recipient.mailbox(org));
                hookOrgs.add(org);
            }
            case EventTypes.CONSENT_EXPIRING -> {
                ConsentExpiring e = (ConsentExpiring) p;
                UUID org = e.organisationId();
                UUID lead = e.leadWorkerUserId() != null ? e.leadWorkerUserId() : e.actorUserId();
                // ADR 0049: her lead worker as referral-service last told us (handovers applied) wins over the one
                // named when the notice was raised, at her registering organisation.
                lead = currentLeadWorker(e.subjectId(), org).orElse(lead);
                to.add(lead != null ? Recipient.user(lead) : Recipient.mailbox(org));
                hookOrgs.add(org);
            }
            case EventTypes.CONSENT_OVERRIDE_EXPIRED -> {
                // The event names nobody (ADR 0021): the requester and approver are remembered from the earlier events.
                ConsentOverrideExpired o = (ConsentOverrideExpired) p;
                UUID org = o.organisationId();
                if ("REQUESTED".equals(o.previousState())) kind = "CONSENT_OVERRIDE_REQUEST_EXPIRED";
                overrideParties.find(o.overrideId()).ifPresent(party -> {
                    if (party.requesterUserId() != null) to.add(Recipient.user(party.requesterUserId()));
                    if (party.approverUserId() != null) to.add(Recipient.user(party.approverUserId()));
                });
                to.add(Recipient.mailbox(org));
                hookOrgs.add(org);
            }
            case EventTypes.DIRECTORY_CAPACITY_STALE -> {
                DirectoryCapacityStale c = (DirectoryCapacityStale) p;
                UUID org = c.organisationId();
                to.addAll(spocOrMailbox(c.serviceId(), org, degraded));
                hookOrgs.add(org);
            }
            case EventTypes.DIRECTORY_ROUTING_CHANGED -> {
                // Who receives a service's referrals changed (ADR 0015 of the directory): its organisation's admins are told,
                // so a redirection they did not make is noticed; the mailbox if the organisation has no admin user.
                UUID org = ((DirectoryRoutingChanged) p).organisationId();
                to.addAll(withRoles(org, Set.of(Roles.ORG_ADMIN), degraded));
                hookOrgs.add(org);
            }
            case EventTypes.CONSENT_WITHDRAWN -> {
                // Every read through a referral asks consent-service, so the withdrawal already denies the next read; each
                // organisation receiving a live referral for her is told (its mailbox, naming its referral) instead of
                // finding out from a refused read (ADR 0045). A partial withdrawal naming the recipients it removed tells
                // only their receivers (issue 14); without the list (older events) all are told.
                ConsentWithdrawn w = (ConsentWithdrawn) p;
                Set<UUID> affected = w.withdrawnRecipientIds() == null ? null : Set.copyOf(w.withdrawnRecipientIds());
                for (ReferralParty party : parties.liveForSubject(w.subjectId())) {
                    if (affected != null && !affected.contains(party.toOrganisationId()) && !affected.contains(party.toServiceId())
                            && !affected.contains(w.partnershipId())) continue;
                    Recipient box = Recipient.mailbox(party.toOrganisationId());
                    if (about.putIfAbsent(box, party.referralId()) == null) to.add(box);
                }
                hookOrgs.add(w.organisationId());
            }
            case EventTypes.CONSENT_WIDENED -> {
                // ADR 0027: another organisation widened her consent. Her registering organisation's lead worker is told
                // (its mailbox when she has none) and its privacy officers are alerted.
                ConsentWidened w = (ConsentWidened) p;
                UUID org = w.registeringOrganisationId();
                UUID lead = w.leadWorkerUserId();
                // Issue 16 item 4 (ADR 0069): after a handover her current lead worker is told, not the one consent-service named.
                lead = currentLeadWorker(w.subjectId(), org).orElse(lead);
                to.add(lead != null ? Recipient.user(lead) : Recipient.mailbox(org));
                to.addAll(withRoles(org, Set.of(Roles.PRIVACY_OFFICER), degraded));
                hookOrgs.add(org);
            }
            case EventTypes.CONSENT_EXPIRED -> {
                // No inbox entry (its lead worker was told it was expiring); partner systems may subscribe.
                hookOrgs.add(((ConsentExpired) p).organisationId());
            }
            default -> {
                return null;
            }
        }
        Map<Recipient, String> kinds = new LinkedHashMap<>();
        // The team around her is told of every lifecycle move of her referrals (ADR 0069).
        if (p instanceof ReferralMove m) team(m, to, kinds);
        if (degraded.reason != null) LOG.infof("event %s routed to an organisation mailbox: %s", event.id(), degraded.reason);
        return new Routed(kind, new ArrayList<>(to), hookOrgs, degraded.reason, about, kinds);
    }

    /** Referral answers go back to whoever sent it (remembered from "sent") and the sending organisation's mailbox. */
    private List<Recipient> referrer(ReferralPayload d) {
        List<Recipient> out = new ArrayList<>();
        UUID referralId = d.referralId();
        Optional<ReferralParty> party = parties.find(referralId);
        UUID worker = party.map(ReferralParty::referrerUserId).orElse(null);
        // ADR 0049: once her case is handed over after the referral was sent, its answers follow her new lead worker.
        UUID subject = d.subjectId() != null ? d.subjectId() : party.map(ReferralParty::subjectId).orElse(null);
        if (subject != null) {
            Optional<LeadWorker> lead = leadWorkers.current(subject);
            if (lead.isPresent() && lead.get().handedOverAfter(d.fromOrganisationId(), parties.sentAt(referralId).orElse(null))) {
                worker = lead.get().userId();
            }
        }
        if (worker != null) out.add(Recipient.user(worker));
        out.add(Recipient.mailbox(d.fromOrganisationId()));
        return out;
    }

    /**
     * The team around her is told when her referral moves (ADR 0069): members of her registering organisation (it sees
     * every step of her pathway) and members of the two organisations on the referral. A partner organisation's member
     * is not told of a referral between others: whether her consent lets it see that step is asked at read time, which a
     * notice cannot do. Whoever made the move, and anyone already told, is not told again.
     */
    private void team(ReferralMove d, Set<Recipient> to, Map<Recipient, String> kinds) {
        if (d.subjectId() == null) return;
        UUID actor = d.actorUserId();
        // Both sides may be one organisation (an internal referral, ADR 0053): a set that takes duplicates.
        Set<UUID> onReferral = new java.util.HashSet<>(java.util.List.of(d.fromOrganisationId(), d.toOrganisationId()));
        for (TeamMember m : teams.members(d.subjectId())) {
            if (!m.organisationId().equals(m.subjectOrganisationId()) && !onReferral.contains(m.organisationId())) continue;
            Recipient r = Recipient.user(m.userId());
            if (m.userId().equals(actor) || to.contains(r)) continue;
            to.add(r);
            kinds.put(r, TEAM_KIND);
        }
    }

    /** Her lead worker at {@code organisation} as last heard from referral-service, if that is where she is registered. */
    private Optional<UUID> currentLeadWorker(UUID subjectId, UUID organisation) {
        return leadWorkers.current(subjectId).filter(l -> l.userId() != null && l.organisationId().equals(organisation))
                .map(LeadWorker::userId);
    }

    /** The receiving service's SPOC: a user (by id, or by username via Keycloak), or the organisation mailbox. */
    private List<Recipient> spocs(UUID serviceId, UUID toOrg, Degraded degraded) {
        try {
            Optional<DirectoryClient.Spoc> spoc = directory.spoc(serviceId);
            if (spoc.isPresent()) {
                UUID user = spoc.get().userId();
                if (user == null && spoc.get().username() != null) user = users.idOf(spoc.get().username()).orElse(null);
                if (user != null) return List.of(Recipient.user(user), Recipient.mailbox(toOrg));
            }
        } catch (LookupUnavailableException e) {
            degraded.reason = "spoc-lookup-" + e.getMessage();
        }
        return List.of(Recipient.mailbox(toOrg));
    }

    /**
     * The service's SPOC when she is a known user; otherwise (a mailbox-only SPOC, an unknown service, a failed
     * lookup) the organisation's mailbox. Not both: a capacity reminder is one person's task, not a broadcast.
     */
    private List<Recipient> spocOrMailbox(UUID serviceId, UUID org, Degraded degraded) {
        return spocs(serviceId, org, degraded).stream().filter(r -> r.kind() == Recipient.Kind.USER).findFirst()
                .map(List::of).orElse(List.of(Recipient.mailbox(org)));
    }

    /**
     * The Partnership Connector: users holding {@code connector} in the lead organisation of the partnership the two
     * organisations share (the sender's first partnership if they share none); the lead's mailbox if nobody holds it.
     */
    private List<Recipient> connector(UUID fromOrg, UUID toOrg, Degraded degraded) {
        try {
            List<DirectoryClient.Membership> from = directory.partnerships(fromOrg);
            Set<UUID> shared = new LinkedHashSet<>();
            for (DirectoryClient.Membership m : directory.partnerships(toOrg)) shared.add(m.partnershipId());
            UUID lead = from.stream().filter(m -> shared.contains(m.partnershipId())).findFirst()
                    .or(() -> from.stream().findFirst()).map(DirectoryClient.Membership::leadOrganisationId).orElse(null);
            if (lead == null) return List.of();
            List<UUID> connectors = users.withRoles(lead, Set.of(Roles.CONNECTOR));
            if (connectors.isEmpty()) return List.of(Recipient.mailbox(lead));
            return connectors.stream().map(Recipient::user).toList();
        } catch (LookupUnavailableException e) {
            degraded.reason = "connector-lookup-" + e.getMessage();
            return List.of();
        }
    }

    private List<Recipient> withRoles(UUID org, Set<String> roles, Degraded degraded) {
        try {
            List<UUID> found = users.withRoles(org, roles);
            if (!found.isEmpty()) return found.stream().map(Recipient::user).toList();
        } catch (LookupUnavailableException e) {
            degraded.reason = "users-lookup-" + e.getMessage();
        }
        return List.of(Recipient.mailbox(org));
    }

    /** Privacy officers of the partnership: of the sharing organisation and of the partnership's lead organisation. */
    private List<Recipient> partnershipPrivacyOfficers(UUID partnershipId, UUID org, Degraded degraded) {
        Set<UUID> orgs = new LinkedHashSet<>();
        orgs.add(org);
        try {
            directory.partnerships(org).stream().filter(m -> m.partnershipId().equals(partnershipId))
                    .forEach(m -> orgs.add(m.leadOrganisationId()));
        } catch (LookupUnavailableException e) {
            degraded.reason = "partnership-lookup-" + e.getMessage();
        }
        List<Recipient> out = new ArrayList<>();
        for (UUID o : orgs) out.addAll(withRoles(o, Set.of(Roles.PRIVACY_OFFICER), degraded));
        return out;
    }

    private static void referralOrgs(ReferralPayload d, Set<UUID> orgs) {
        orgs.add(d.fromOrganisationId());
        orgs.add(d.toOrganisationId());
    }

    private static final class Degraded {
        String reason;
    }
}
