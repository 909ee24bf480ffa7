package org.pathways.referral.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.access.AccessGate;
import org.pathways.referral.access.AccessRules;
import org.pathways.referral.client.DirectoryClient;
import org.pathways.referral.client.DirectoryAndConsent;
import org.pathways.referral.domain.QueueEntry;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.repository.QueueRepository;
import org.pathways.referral.repository.ReferralRepository;
import org.pathways.referral.repository.SubjectRepository;
import org.pathways.referral.security.RestrictedCases;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Pathways: the chain or tree of referrals for one person, the onward referrals a completion proposes, and the
 * Partnership Connector's fan-out of one multi-need referral into child referrals (the parent cannot close while a
 * child is open).
 */
@ApplicationScoped
public class PathwayService {

    /** How a referral joins the pathway: the first one, onward from the organisation that received an earlier one, a
     * Connector's child, or a re-route of a declined or expired one. */
    public enum Relation { START, ONWARD, CHILD, REROUTE }

    public record Step(QueueEntry referral, UUID follows, Relation relation) {
    }

    /** Onward needs recorded at a completion that no later referral of that organisation on the pathway has taken up. */
    public record Proposal(UUID afterReferralId, UUID proposedByOrganisationId, List<String> needs, Instant completedAt) {
    }

    public record PathwayView(UUID pathwayId, UUID subjectId, UUID ownerOrganisationId, List<Step> steps, List<Proposal> proposals) {
    }

    /** What a Connector asks to send as a child referral (the parent gives subject and pathway). */
    public record ChildCommand(UUID toServiceId, List<String> needs, org.pathways.referral.domain.Urgency urgency,
            Set<org.pathways.contracts.vocab.DataCategory> sections, boolean personKnows, String note, String safeContactInstructions) {
    }

    private static final Set<ReferralState> TAKEN_UP = EnumSet.of(ReferralState.ACCEPTED, ReferralState.ON_HOLD,
            ReferralState.IN_PROGRESS);

    @Inject
    QueueRepository queues;

    @Inject
    ReferralRepository referrals;

    @Inject
    SubjectRepository subjects;

    @Inject
    ReferralService referralService;

    @Inject
    DirectoryAndConsent directoryAndConsent;

    @Inject
    Caller caller;

    @Inject
    RestrictedCases restricted;

    @Inject
    AccessGate gate;

    /**
     * The pathway, for her owning organisation and the organisations on it (anyone else: 404). Metadata only, and through
     * the access gate (ADR 0046): her owning organisation sees every step; another organisation its own referrals (sent
     * or received) and another organisation's step only while her consent lets it see NEEDS for CASE_COORDINATION.
     * Masked steps are left out and the tree is re-linked over them; proposals follow their step.
     */
    public PathwayView view(UUID pathwayId) {
        UUID org = caller.requireOrganisation();
        List<QueueEntry> all = queues.pathway(pathwayId);
        if (all.isEmpty()) throw ProblemException.notFound("The pathway");
        UUID subjectId = all.get(0).subjectId();
        Optional<Subject> subject = subjects.find(subjectId);
        // A restricted case: staff of her organisation who may not see her do not see her pathway either (ADR 0032).
        if (subject.isPresent() && !gate.sees(subject.get())) throw ProblemException.notFound("The pathway");
        UUID owner = subject.map(Subject::organisationId).orElse(null);
        boolean onIt = org.equals(owner) || all.stream().anyMatch(e -> org.equals(e.fromOrganisationId()) || org.equals(e.toOrganisationId()));
        if (!onIt) throw ProblemException.notFound("The pathway");
        AccessGate.PathwaySight sight = gate.pathway(org, owner, subjectId, all);
        if (!sight.consented().isEmpty() || !sight.masked().isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> gate.auditPathway(subjectId, pathwayId, sight));
        }

        List<AccessRules.TreeStep<Relation>> tree = new ArrayList<>();
        Map<UUID, QueueEntry> byId = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            QueueEntry e = all.get(i);
            byId.put(e.id(), e);
            if (e.parentReferralId() != null) {
                tree.add(new AccessRules.TreeStep<>(e.id(), e.parentReferralId(), Relation.CHILD));
            } else if (e.replacesReferralId() != null) {
                tree.add(new AccessRules.TreeStep<>(e.id(), e.replacesReferralId(), Relation.REROUTE));
            } else {
                // Onward: the latest earlier referral this one's sender received on the pathway.
                UUID follows = null;
                for (int j = i - 1; j >= 0; j--) {
                    if (all.get(j).toOrganisationId().equals(e.fromOrganisationId())) {
                        follows = all.get(j).id();
                        break;
                    }
                }
                if (follows == null) follows = proposedBy(all, i);
                tree.add(new AccessRules.TreeStep<>(e.id(), follows, follows == null ? Relation.START : Relation.ONWARD));
            }
        }
        List<Step> steps = new ArrayList<>();
        for (AccessRules.TreeStep<Relation> t : AccessRules.prune(tree, sight.shown()::contains, Relation.ONWARD, Relation.START)) {
            steps.add(new Step(byId.get(t.id()), t.follows(), t.relation()));
        }

        List<Proposal> proposals = new ArrayList<>();
        for (QueueEntry e : all) {
            if (e.state() != ReferralState.COMPLETED) continue;
            if (!AccessRules.proposalShown(e.id(), sight.shown())) continue; // a proposal names the organisation and needs
            List<String> onward = queues.onwardNeeds(e.id());
            if (onward.isEmpty()) continue;
            Instant completed = queues.completedAt(e.id()).orElse(e.updatedAt());
            // Taken up once a later referral on the pathway carries the need (sent by anyone: the owner often sends it),
            // as far as the viewer is shown that referral.
            List<String> open = AccessRules.openProposedNeeds(onward, completed, all.stream()
                    .map(l -> new AccessRules.LaterStep(l.id(), l.createdAt(), l.needs())).toList(), sight.shown()::contains);
            if (!open.isEmpty()) proposals.add(new Proposal(e.id(), e.toOrganisationId(), open, completed));
        }
        return new PathwayView(pathwayId, subjectId, owner, steps, proposals);
    }

    /**
     * The latest earlier completed referral whose onward needs this referral carries: the owner sending what a
     * completion proposed continues the pathway from there.
     */
    private UUID proposedBy(List<QueueEntry> all, int index) {
        QueueEntry e = all.get(index);
        for (int j = index - 1; j >= 0; j--) {
            QueueEntry earlier = all.get(j);
            if (earlier.state() != ReferralState.COMPLETED) continue;
            List<String> onward = queues.onwardNeeds(earlier.id());
            if (onward.stream().anyMatch(e.needs()::contains)) return earlier.id();
        }
        return null;
    }

    /**
     * A Connector's child referral: the parent must be a taken-up referral to her organisation's Connector service. The
     * child is sent through the ordinary send (directory, agreement and consent checks) on the parent's pathway.
     */
    public Referral createChild(UUID parentId, ChildCommand cmd) {
        UUID org = caller.requireOrganisation();
        Referral parent = gate.referral(parentId, false); // scope and restriction (ADR 0047)
        if (!org.equals(parent.toOrganisationId())) {
            throw ProblemException.forbidden("Only the receiving Connector splits a referral into child referrals.");
        }
        DirectoryClient.Routing routing = directoryAndConsent.routing(parent.toServiceId()).orElse(null);
        if (routing == null || !routing.connector()) {
            throw ProblemException.conflict("not-a-connector-referral", "Only a referral to the Partnership Connector's service "
                    + "is split into child referrals.");
        }
        if (!TAKEN_UP.contains(parent.state())) {
            throw new ProblemException(Problem.of(409, "parent-not-taken-up", "Conflict", "Accept the referral before splitting it; "
                    + "it is " + parent.state() + ".").withAllowed(TAKEN_UP.stream().map(ReferralState::name).toList()));
        }
        return referralService.send(new ReferralService.SendCommand(parent.subjectId(), cmd.toServiceId(), cmd.needs(), cmd.urgency(),
                cmd.sections(), cmd.personKnows(), cmd.note(), cmd.safeContactInstructions(), null, null, parentId));
    }

    /**
     * Refuses to close a parent (COMPLETED, NOT_COMPLETED) while a child referral is open: 409 naming the open children.
     * Called by the lifecycle move with the referral row locked.
     */
    public void requireChildrenEnded(UUID referralId, ReferralState target) {
        if (target != ReferralState.COMPLETED && target != ReferralState.NOT_COMPLETED) return;
        List<QueueEntry> open = queues.openChildren(referralId);
        if (open.isEmpty()) return;
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            errors.add(new Problem.FieldError("children[" + i + "]", "referral " + open.get(i).id() + " is " + open.get(i).state()));
        }
        throw new ProblemException(Problem.of(409, "open-children", "Conflict", "Every child referral must end before this "
                + "referral can be closed; " + open.size() + " still open.").withErrors(errors));
    }
}
