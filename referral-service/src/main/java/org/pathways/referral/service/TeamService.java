package org.pathways.referral.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.contracts.vocab.TeamRole;
import org.pathways.platform.outbox.Outbox;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.access.AccessGate;
import org.pathways.referral.access.AccessRules;
import org.pathways.referral.client.ConsentClient;
import org.pathways.referral.client.DirectoryClient;
import org.pathways.referral.client.DirectoryAndConsent;
import org.pathways.referral.client.StaffDirectory;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.domain.TeamMember;
import org.pathways.referral.repository.SubjectRepository;
import org.pathways.referral.repository.TeamRepository;
import org.pathways.contracts.events.payload.SubjectTeamChanged;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The team around the person (issue 16 item 3, ADR 0069). Her registering organisation names the workers around her:
 * its own staff (any role code; a joint lead worker only from its own staff), and a partner organisation's staff only
 * while a data sharing agreement holds and her consent lets that organisation see her NEEDS for CASE_COORDINATION
 * (asked now, like a pathway step). Each change is audited and publishes the whole team (ids and codes) so
 * notification-service tells the team when her referrals move (ADR 0069, item 4).
 */
@ApplicationScoped
public class TeamService {

    /** What a partner organisation must be allowed to see of her to sit on her team: as for another organisation's pathway step. */
    static final DataCategory TEAM_CATEGORY = DataCategory.NEEDS;
    static final Purpose TEAM_PURPOSE = Purpose.CASE_COORDINATION;

    @Inject
    AccessGate gate;

    @Inject
    SubjectRepository subjects;

    @Inject
    TeamRepository team;

    @Inject
    StaffDirectory staff;

    @Inject
    DirectoryAndConsent directoryAndConsent;

    @Inject
    Outbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    /** A member as shown: with whether her consent still covers a partner organisation's member now. */
    public record Shown(TeamMember member, Boolean consentCovers) {
    }

    public record Team(Subject subject, long version, List<Shown> members) {
    }

    /** Her team for her registering organisation (404 for everyone else); partner members' consent asked now. */
    public Team of(UUID subjectId) {
        Subject s = QuarkusTransaction.requiringNew().call(() -> gate.ownedSubject(subjectId, false));
        List<TeamMember> members = QuarkusTransaction.requiringNew().call(() -> team.live(subjectId));
        long version = QuarkusTransaction.requiringNew().call(() -> team.version(subjectId));
        Map<UUID, Boolean> covered = new LinkedHashMap<>();
        List<Shown> shown = new ArrayList<>();
        for (TeamMember m : members) {
            if (m.organisationId().equals(s.organisationId())) {
                shown.add(new Shown(m, null));
                continue;
            }
            boolean c = covered.computeIfAbsent(m.organisationId(), o -> consentFor(subjectId, m.partnershipId(), o).isPresent());
            shown.add(new Shown(m, c));
        }
        return new Team(s, version, shown);
    }

    /**
     * Adds a worker. Checks, in order: her record is the caller's organisation's (else 404); a joint lead worker is of
     * her organisation (422 {@code role}); a partner organisation shares a current data sharing agreement with hers (422
     * {@code no-data-sharing-agreement}) and her consent covers it (422 {@code consent-not-covering}); the user is staff
     * of that organisation with a case role (Keycloak, 400 {@code userId}); not already on the team (409).
     */
    public TeamMember add(UUID subjectId, UUID userId, UUID organisationId, TeamRole role) {
        Subject s = QuarkusTransaction.requiringNew().call(() -> gate.ownedSubject(subjectId, false));
        UUID memberOrg = organisationId == null ? s.organisationId() : organisationId;
        boolean own = memberOrg.equals(s.organisationId());
        UUID partnership = null;
        AuditBasis basis = AuditBasis.OWNER;
        String basisRef = null;
        if (!own) {
            if (role == TeamRole.JOINT_LEAD_WORKER) {
                throw unprocessable("joint-lead-own-organisation", "role",
                        "A joint lead worker holds her case with her lead worker: only her own organisation's staff.");
            }
            List<DirectoryClient.Agreement> agreements = directoryAndConsent.agreements(s.organisationId(), memberOrg);
            if (agreements.isEmpty()) {
                throw unprocessable("no-data-sharing-agreement", "organisationId",
                        "Your organisation has no current data sharing agreement with this organisation.");
            }
            Optional<Map.Entry<UUID, ConsentClient.Basis>> found = Optional.empty();
            for (UUID p : new LinkedHashSet<>(agreements.stream().map(DirectoryClient.Agreement::partnershipId).toList())) {
                Optional<ConsentClient.Basis> b = consentFor(subjectId, p, memberOrg);
                if (b.isPresent()) {
                    found = Optional.of(Map.entry(p, b.get()));
                    break;
                }
            }
            if (found.isEmpty()) {
                throw unprocessable("consent-not-covering", "organisationId",
                        "Her consent does not let this organisation see her needs for case coordination.");
            }
            partnership = found.get().getKey();
            basis = found.get().getValue().isOverride() ? AuditBasis.OVERRIDE : AuditBasis.CONSENT;
            basisRef = found.get().getValue().reference();
        }
        switch (staff.standing(userId.toString(), memberOrg)) {
            case STAFF -> {
            }
            case NOT_IN_ORGANISATION -> throw ProblemException.invalidField("userId", "is not a user of that organisation");
            case NO_CASE_ROLE -> throw ProblemException.invalidField("userId",
                    "is not a caseworker, referral coordinator or connector of that organisation");
        }
        UUID p = partnership;
        AuditBasis b = basis;
        String ref = basisRef;
        return QuarkusTransaction.requiringNew().call(() -> insert(subjectId, userId, memberOrg, role, p, b, ref));
    }

    private TeamMember insert(UUID subjectId, UUID userId, UUID memberOrg, TeamRole role, UUID partnership, AuditBasis basis, String ref) {
        Subject s = gate.ownedSubject(subjectId, true); // again, locked: serialises the team's changes
        if (team.live(subjectId).stream().anyMatch(m -> m.userId().equals(userId.toString()))) {
            throw new ProblemException(Problem.of(409, "already-member", "Conflict", "This worker is on her team already.")
                    .withErrors(List.of(new Problem.FieldError("userId", "is on her team already"))));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TeamMember m = new TeamMember(UUID.randomUUID(), subjectId, userId.toString(), memberOrg, role, partnership, basis, ref, now,
                caller.userId(), null, null);
        team.insert(m);
        publish(s, now);
        audit.record(subjectId, AuditAction.TEAM_MEMBER_ADDED, basis == AuditBasis.OWNER ? List.of() : List.of(TEAM_CATEGORY),
                TEAM_PURPOSE, basis, ref != null ? ref : m.id().toString());
        return m;
    }

    /**
     * Removes a member: her registering organisation, or the member's own organisation (a partner leaving her team).
     * Anyone else 404. Removing a member who left already changes nothing.
     */
    @Transactional
    public void remove(UUID subjectId, UUID memberId) {
        var viewer = gate.viewer();
        Subject s = subjects.findOwned(subjectId, viewer.organisationId(), true)
                .filter(x -> !AccessRules.restrictionHides(viewer, new AccessRules.SubjectFacts(x.organisationId(), x.restricted(), x.leadWorkerId())))
                .orElse(null);
        TeamMember m;
        if (s != null) {
            m = team.find(subjectId, memberId).orElseThrow(() -> ProblemException.notFound("The team member"));
        } else {
            // Not hers: only a member of the caller's own organisation may be taken off (lock her row all the same).
            m = team.find(subjectId, memberId).filter(x -> x.organisationId().equals(viewer.organisationId()))
                    .orElseThrow(() -> ProblemException.notFound("The team member"));
            s = subjects.find(subjectId).orElseThrow(() -> ProblemException.notFound("The team member"));
            subjects.findOwned(subjectId, s.organisationId(), true);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!team.remove(m.id(), caller.userId(), now)) return;
        publish(s, now);
        audit.record(subjectId, AuditAction.TEAM_MEMBER_REMOVED, List.of(), TEAM_PURPOSE,
                viewer.organisationId().equals(s.organisationId()) ? AuditBasis.OWNER : m.basis(), m.id().toString());
    }

    /** Her consent for a partner organisation to see her NEEDS for CASE_COORDINATION, under a partnership, now. */
    private Optional<ConsentClient.Basis> consentFor(UUID subjectId, UUID partnershipId, UUID organisationId) {
        if (partnershipId == null) return Optional.empty();
        return Optional.ofNullable(gate.consented(subjectId, partnershipId, new ConsentClient.Recipient(organisationId, null),
                List.of(TEAM_PURPOSE), Set.of(TEAM_CATEGORY)).get(TEAM_CATEGORY));
    }

    /** The whole team now, in the change's transaction (outbox): ids and role codes only. */
    private void publish(Subject s, Instant now) {
        long version = team.nextVersion(s.id(), now);
        List<SubjectTeamChanged.Member> members = new ArrayList<>();
        for (TeamMember m : team.live(s.id())) {
            members.add(new SubjectTeamChanged.Member(UUID.fromString(m.userId()), m.organisationId(), m.role().code()));
        }
        outbox.publish(new SubjectTeamChanged(s.id(), s.organisationId(), actorId().map(UUID::fromString).orElse(null), members,
                version, now.toString()));
    }

    private Optional<String> actorId() {
        try {
            return Optional.of(UUID.fromString(caller.userId()).toString());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty(); // a partner system's client: no user id
        }
    }

    private static ProblemException unprocessable(String slug, String field, String message) {
        return new ProblemException(Problem.of(422, slug, "Unprocessable request", message)
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }
}
