package org.pathways.referral.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.access.AccessGate;
import org.pathways.referral.client.ConsentClient;
import org.pathways.referral.client.DirectoryClient;
import org.pathways.referral.client.MembershipClient;
import org.pathways.referral.client.DirectoryAndConsent;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.HistoryEntry;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.ReferralStateMachine;
import org.pathways.referral.domain.ReferralStateMachine.Actor;
import org.pathways.referral.domain.StatutoryReferral;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.domain.Urgency;
import org.pathways.referral.repository.ReferralRepository;
import org.pathways.referral.repository.SubjectRepository;
import org.pathways.referral.security.SubjectCrypto;
import org.pathways.referral.security.RestrictedCases;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Sending referrals and moving them through their lifecycle. A send asks the directory (routing, data sharing agreement)
 * and consent-service (may these sections go to this receiver?) first, outside any transaction; only when every check
 * passes does one short transaction store the referral, its history, the audit rows and the outbox event together.
 * A refused or failed send stores nothing.
 */
@ApplicationScoped
public class ReferralService {

    /** The two free texts that travel with a referral, as named in their encryption's associated data. */
    static final String NOTE = "note";
    static final String SAFE_CONTACT = "safe-contact";

    /** What a caller asks to send. Validated for shape by the REST layer; checked against the world here. */
    public record SendCommand(UUID subjectId, UUID toServiceId, List<String> needs, Urgency urgency, Set<DataCategory> sections,
            boolean personKnows, String note, String safeContactInstructions, UUID pathwayId, UUID replacesReferralId,
            UUID parentReferralId, StatutoryReferral.Kind kind, UUID partnershipId, Marac marac) {

        public SendCommand(UUID subjectId, UUID toServiceId, List<String> needs, Urgency urgency, Set<DataCategory> sections,
                boolean personKnows, String note, String safeContactInstructions, UUID pathwayId, UUID replacesReferralId,
                UUID parentReferralId) {
            this(subjectId, toServiceId, needs, urgency, sections, personKnows, note, safeContactInstructions, pathwayId,
                    replacesReferralId, parentReferralId, null, null, null);
        }
    }

    /** A MARAC referral's own fields (ADR 0091); {@code sheIsAware} null: as {@code personKnows}. */
    public record Marac(StatutoryReferral.DashLevel dashLevel, StatutoryReferral.MaracCriterion criterion, Boolean sheIsAware,
            String safeContactTimes) {
    }



    /** A referral with its free texts decrypted, for the two organisations on it. */
    public record ReferralDetail(Referral referral, String note, String safeContactInstructions, AccessGate.ContactFlags contactFlags,
            AccessGate.StatutoryDetail statutory) {
    }

    @Inject
    org.pathways.referral.repository.StatutoryReferralRepository statutoryReferrals;

    @Inject
    @org.eclipse.microprofile.rest.client.inject.RestClient
    MembershipClient memberships;

    @Inject
    org.pathways.referral.client.Dependencies dependencies;

    @Inject
    BlockageService blockageLog;

    @Inject
    ReferralRepository referrals;

    @Inject
    SubjectRepository subjects;

    @Inject
    SubjectCrypto crypto;

    @Inject
    DirectoryAndConsent directoryAndConsent;

    @Inject
    AuditTrail audit;

    @Inject
    ReferralEvents events;

    @Inject
    Caller caller;

    @Inject
    org.pathways.referral.timer.TimerService timers;

    @Inject
    PathwayService pathways;

    @Inject
    RestrictedCases restricted;

    @Inject
    AccessGate gate;

    @Inject
    org.pathways.referral.repository.WaitingListRepository waitingList;

    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    // ------------------------------------------------------------------------------------------------------------ send

    public Referral send(SendCommand cmd) {
        UUID org = caller.requireOrganisation();
        if (cmd.kind() != null || cmd.marac() != null) checkMarac(cmd); // bad input first: changes nothing, asks nobody
        // 1. May this organisation refer her at all, and on which pathway? (404 for anything not its to know.)
        Subject subject = subjects.find(cmd.subjectId()).orElseThrow(() -> ProblemException.notFound("The subject"));
        UUID pathway = pathwayFor(cmd, subject, org);

        // 2. The receiving service, from the directory.
        DirectoryClient.Routing routing = directoryAndConsent.routing(cmd.toServiceId())
                .orElseThrow(() -> unprocessable("unknown-service", "The service is not in the directory.", "toServiceId",
                        "is not a service of the directory"));
        if (!routing.acceptsReferrals() || (routing.status() != null && !"active".equalsIgnoreCase(routing.status()))) {
            throw unprocessable("service-not-accepting", "The service does not accept referrals.", "toServiceId",
                    "does not accept referrals");
        }
        // Statutory partners (ADR 0091) take only the referral kind of their role, outside any agreement.
        if (cmd.kind() != null) return sendStatutory(cmd, org, subject, pathway, routing);
        if (routing.statutory()) {
            throw unprocessable("statutory-partner", "The service is a statutory partner's: send it as a MARAC, POLICE or SARC "
                    + "referral (kind); nothing was sent.", "kind", "is required for a statutory partner's service");
        }
        // Complex cases only (issue 16): the service names the fewest needs a referral to it must carry.
        long needCount = cmd.needs().stream().distinct().count();
        if (routing.minimumNeeds() != null && needCount < routing.minimumNeeds()) {
            throw unprocessable("too-few-needs", "The service takes only complex cases: a referral to it carries at least "
                    + routing.minimumNeeds() + " needs; nothing was sent.", "needs",
                    "must name at least " + routing.minimumNeeds() + " different needs for this service (" + needCount + " given)");
        }
        // A referral between two services of one organisation is internal (ADR 0053): same lifecycle, queues and timers.
        boolean internal = org.equals(routing.organisationId());
        boolean ownerInternal = internal && subject.organisationId().equals(org);

        // 3. A current data sharing agreement between the two organisations.
        List<DirectoryClient.Agreement> agreements = directoryAndConsent.agreements(org, routing.organisationId());
        if (agreements.isEmpty()) {
            throw unprocessable("no-data-sharing-agreement", "Your organisation and the receiving organisation share no current "
                    + "data sharing agreement; nothing was sent.", "toServiceId", "has no current data sharing agreement with your organisation");
        }
        // An organisation in several partnerships refers internally under the partnership she came to it by: her consent
        // is asked in that partnership (ADR 0053). Otherwise the first current agreement, as before.
        Optional<UUID> cameBy = internal && !ownerInternal
                ? referrals.liveReceived(subject.id(), org).map(Referral::partnershipId) : Optional.empty();
        DirectoryClient.Agreement agreement = agreements.stream()
                .filter(a -> cameBy.isPresent() && cameBy.get().equals(a.partnershipId())).findFirst().orElse(agreements.get(0));
        if (cmd.partnershipId() != null) { // a named partnership: its agreement, or none
            agreement = agreements.stream().filter(a -> a.partnershipId().equals(cmd.partnershipId())).findFirst()
                    .orElseThrow(() -> unprocessable("no-data-sharing-agreement", "The partnership you named has no current data "
                            + "sharing agreement between your organisation and the receiving one; nothing was sent.", "partnershipId",
                            "has no current agreement between the two organisations"));
        }
        final DirectoryClient.Agreement chosen = agreement;

        // 4. Consent (or an approved override) for every section to share, for this receiver, for REFERRAL. Not asked for
        // an internal referral in her registering organisation, which already sees every section of hers (ADR 0053) -
        // unless she does not know, when only an approved override may carry it (as for any referral).
        List<DataCategory> asked = cmd.sections().stream().sorted().toList();
        if (ownerInternal && cmd.personKnows()) {
            return QuarkusTransaction.requiringNew().call(() -> store(cmd, org, pathway, routing, chosen, null, null));
        }
        ConsentClient.Answer answer = consentOrOverride(cmd, chosen.partnershipId(), routing);
        UUID override = overrideOf(cmd, answer);
        // 5. One transaction: referral, history, audit (one row per basis), outbox event.
        return QuarkusTransaction.requiringNew().call(() -> store(cmd, org, pathway, routing, chosen, answer, override));
    }

    /**
     * A referral to a statutory partner (ADR 0091): only the kind of its role; no agreement, under the partnership named
     * or the one she came by (one partnership of the referrer's: that one; several and none named: 422); her consent or
     * an approved override for every section, as any referral.
     */
    private Referral sendStatutory(SendCommand cmd, UUID org, Subject subject, UUID pathway, DirectoryClient.Routing routing) {
        if (!routing.statutory() || !cmd.kind().statutoryRole().equals(routing.statutoryRole())) {
            throw unprocessable("not-statutory-partner", "A " + cmd.kind() + " referral goes only to a statutory partner of role "
                    + cmd.kind().statutoryRole() + "; nothing was sent.", "toServiceId",
                    "is not a " + cmd.kind().statutoryRole() + " statutory partner's service");
        }
        UUID partnership = statutoryPartnership(cmd, org, subject);
        ConsentClient.Answer answer = consentOrOverride(cmd, partnership, routing);
        UUID override = overrideOf(cmd, answer);
        DirectoryClient.Agreement none = new DirectoryClient.Agreement(null, partnership, null, null, null);
        return QuarkusTransaction.requiringNew().call(() -> store(cmd, org, pathway, routing, none, answer, override));
    }

    /** The MARAC fields: required for MARAC only; visible high risk is a HIGH DASH level; she knows or she does not. */
    private static void checkMarac(SendCommand cmd) {
        Marac m = cmd.marac();
        if (cmd.kind() != StatutoryReferral.Kind.MARAC) { // POLICE, SARC, or an ordinary referral
            if (m != null) throw ProblemException.invalidField("marac", "only for a MARAC referral (kind MARAC)");
            return;
        }
        if (m == null) throw ProblemException.invalidField("marac", "is required for a MARAC referral");
        if (m.dashLevel() == null) throw ProblemException.invalidField("marac.dashLevel", "is required (STANDARD, MEDIUM, HIGH)");
        if (m.criterion() == null) {
            throw ProblemException.invalidField("marac.criterion",
                    "is required (VISIBLE_HIGH_RISK, PROFESSIONAL_JUDGEMENT, POTENTIAL_ESCALATION)");
        }
        if (m.criterion() == StatutoryReferral.MaracCriterion.VISIBLE_HIGH_RISK && m.dashLevel() != StatutoryReferral.DashLevel.HIGH) {
            throw unprocessable("marac-criterion", "Visible high risk needs a HIGH DASH level; below HIGH a MARAC referral rests on "
                    + "professional judgement or potential escalation; nothing was sent.", "marac.criterion",
                    "VISIBLE_HIGH_RISK needs dashLevel HIGH (" + m.dashLevel() + " given): use PROFESSIONAL_JUDGEMENT or POTENTIAL_ESCALATION");
        }
        if (m.sheIsAware() != null && m.sheIsAware() != cmd.personKnows()) {
            throw unprocessable("she-is-aware", "Whether she is aware of the referral is personKnows; the two disagree; nothing was sent.",
                    "marac.sheIsAware", "must equal personKnows (" + cmd.personKnows() + ")");
        }
    }

    /** The partnership a statutory referral is made under. */
    private UUID statutoryPartnership(SendCommand cmd, UUID org, Subject subject) {
        List<UUID> mine = dependencies.directory().call(() -> memberships.partnerships(org).stream()
                .filter(m -> !"REPORTING".equals(m.role())).map(MembershipClient.Membership::partnershipId)
                .toList(), List::of);
        if (cmd.partnershipId() != null) {
            if (!mine.contains(cmd.partnershipId())) {
                throw unprocessable("unknown-partnership", "Your organisation is not a member of the partnership you named; nothing "
                        + "was sent.", "partnershipId", "is not a partnership of your organisation");
            }
            return cmd.partnershipId();
        }
        if (!subject.organisationId().equals(org)) { // onward: under the partnership she came to us by
            Optional<UUID> cameBy = referrals.liveReceived(subject.id(), org).map(Referral::partnershipId);
            if (cameBy.isPresent()) return cameBy.get();
        }
        if (mine.size() == 1) return mine.get(0);
        throw unprocessable(mine.isEmpty() ? "no-partnership" : "partnership-required", mine.isEmpty()
                ? "Your organisation is in no partnership to refer her under; nothing was sent."
                : "Your organisation is in several partnerships: name the one she is referred under; nothing was sent.",
                "partnershipId", mine.isEmpty() ? "your organisation is in no partnership" : "is required: your organisation is in "
                        + mine.size() + " partnerships");
    }

    /** Consent (or an approved override) for every section to this receiver, purpose REFERRAL; else 422 naming each. */
    private ConsentClient.Answer consentOrOverride(SendCommand cmd, UUID partnershipId, DirectoryClient.Routing routing) {
        List<DataCategory> asked = cmd.sections().stream().sorted().toList();
        ConsentClient.Answer answer = directoryAndConsent.decide(List.of(new ConsentClient.Question(cmd.subjectId(), partnershipId,
                new ConsentClient.Recipient(routing.organisationId(), routing.serviceId() == null ? cmd.toServiceId() : routing.serviceId()),
                Purpose.REFERRAL, asked))).get(0);
        if (answer.denied() != null && !answer.denied().isEmpty()) {
            List<Problem.FieldError> errors = answer.denied().stream().sorted()
                    .map(c -> new Problem.FieldError("sections", c.code() + " is not covered by her consent for this receiver"))
                    .toList();
            throw new ProblemException(Problem.of(422, "consent-not-covering", "Unprocessable request",
                    "Her consent does not cover every section you asked to share with this receiver; nothing was sent.")
                    .withErrors(errors).withAllowed(answer.permitted().stream().map(p -> p.category().code()).sorted().toList()));
        }
        return answer;
    }

    /** She does not know: the approved override carrying it (else 422 override-required); she knows: none. */
    private static UUID overrideOf(SendCommand cmd, ConsentClient.Answer answer) {
        UUID overrideId = null;
        if (!cmd.personKnows()) {
            // She does not know: only an approved safeguarding override may carry the referral (docs/domain.md safety rules).
            if (answer.permitted().isEmpty() || !answer.permitted().stream().allMatch(p -> p.basis() != null && p.basis().isOverride())) {
                throw unprocessable("override-required", "When she does not know about the referral, an approved safeguarding "
                        + "override must cover every section for this receiver; nothing was sent.", "personKnows",
                        "false needs an approved safeguarding override covering this receiver");
            }
            overrideId = answer.permitted().get(0).basis().overrideId();
        }
        return overrideId;
    }

    private Referral store(SendCommand cmd, UUID org, UUID pathway, DirectoryClient.Routing routing,
            DirectoryClient.Agreement agreement, ConsentClient.Answer answer, UUID overrideId) {
        Subject subject = subjects.find(cmd.subjectId()).orElseThrow(() -> ProblemException.notFound("The subject"));
        byte[] key = subjects.wrappedKey(subject.id()).orElseThrow(() -> ProblemException.notFound("The subject"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        UUID pathwayId = pathway == null ? id : pathway;
        DirectoryClient.Spoc s = routing.spoc();
        DirectoryClient.ResponseTarget t = routing.responseTarget();
        Referral r = new Referral(id, pathwayId, agreement.partnershipId(), agreement.agreementId(), subject.id(), org,
                caller.userId(), routing.organisationId(), cmd.toServiceId(),
                s == null ? null : new Referral.Spoc(s.source(), s.userId() == null ? null : s.userId().toString(), s.username(), s.mailbox()),
                t == null ? null : new Referral.ResponseTarget(t.workingDays(), t.remindBeforeWorkingDays(), t.expireAfterWorkingDays(),
                        t.bankHolidayDivision()),
                List.copyOf(new TreeSet<>(cmd.needs())), cmd.urgency(), ReferralState.SENT, 1,
                EnumSet.copyOf(cmd.sections()), cmd.personKnows(), overrideId, cmd.replacesReferralId(), cmd.parentReferralId(),
                text(key, subject.id(), id, NOTE, cmd.note()), text(key, subject.id(), id, SAFE_CONTACT, cmd.safeContactInstructions()),
                null, now, now, now);
        insertSent(r, caller.userId(), org, now);
        if (cmd.kind() != null) {
            Marac m = cmd.marac();
            statutoryReferrals.insert(new StatutoryReferral(id, cmd.kind(), m == null ? null : m.dashLevel(),
                    m == null ? null : m.criterion(),
                    m == null ? null : text(key, subject.id(), id, StatutoryReferral.SAFE_CONTACT_TIMES, m.safeContactTimes())));
        }
        // The audit names every basis the sharing rests on: one row per consent version or override.
        Map<String, List<DataCategory>> byBasis = new LinkedHashMap<>();
        Map<String, AuditBasis> kinds = new LinkedHashMap<>();
        if (answer == null) {
            // An internal referral in her registering organisation: the sections stay where they are (ADR 0053).
            audit.record(subject.id(), AuditAction.REFERRAL_SENT, cmd.sections().stream().sorted().toList(), Purpose.REFERRAL, AuditBasis.OWNER,
                    id.toString());
            return r;
        }
        for (ConsentClient.Permitted p : answer.permitted()) {
            String ref = p.basis().reference();
            byBasis.computeIfAbsent(ref, k -> new ArrayList<>()).add(p.category());
            kinds.put(ref, p.basis().isOverride() ? AuditBasis.OVERRIDE : AuditBasis.CONSENT);
        }
        for (Map.Entry<String, List<DataCategory>> e : byBasis.entrySet()) {
            audit.record(subject.id(), AuditAction.REFERRAL_SENT, e.getValue(), Purpose.REFERRAL, kinds.get(e.getKey()), e.getKey());
        }
        return r;
    }

    /** A referral just sent: stored with its history, its event (outbox) and its response timers, in the caller's transaction. */
    private void insertSent(Referral r, String actorUserId, UUID actorOrganisation, Instant now) {
        referrals.insert(r);
        referrals.appendHistory(new HistoryEntry(r.id(), 1, now, actorUserId, actorOrganisation, Actor.REFERRER, ReferralState.DRAFT,
                ReferralState.SENT, null, null, null, null));
        events.moved(r, ReferralState.DRAFT, null, actorUserId, now);
        timers.changed(r); // response timers (org.pathways.referral.timer, ADR 0036)
    }

    /**
     * Her own request for help, sent to the Partnership Connector's service (ADR 0089) through the same send as any referral:
     * history, event, timers, audit. No referrer organisation: the Connector's organisation is on both sides, so it counts
     * as internal (ADR 0053); the actor is her request, never a user. In the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Referral sendSelfReferral(Subject subject, UUID serviceId, DirectoryClient.Routing routing, DirectoryClient.Agreement agreement,
            List<String> needs, String words, String contactInstructions, String reference) {
        byte[] key = subjects.wrappedKey(subject.id()).orElseThrow(() -> ProblemException.notFound("The subject"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        DirectoryClient.Spoc s = routing.spoc();
        DirectoryClient.ResponseTarget t = routing.responseTarget();
        UUID org = routing.organisationId();
        Referral r = new Referral(id, id, agreement.partnershipId(), agreement.agreementId(), subject.id(), org,
                AuditTrail.SELF_ACTOR, org, serviceId,
                s == null ? null : new Referral.Spoc(s.source(), s.userId() == null ? null : s.userId().toString(), s.username(), s.mailbox()),
                t == null ? null : new Referral.ResponseTarget(t.workingDays(), t.remindBeforeWorkingDays(), t.expireAfterWorkingDays(),
                        t.bankHolidayDivision()),
                List.copyOf(new TreeSet<>(needs)), Urgency.ROUTINE, ReferralState.SENT, 1,
                EnumSet.of(DataCategory.NEEDS, DataCategory.SAFE_CONTACT), true, null, null, null,
                text(key, subject.id(), id, NOTE, words), text(key, subject.id(), id, SAFE_CONTACT, contactInstructions),
                null, now, now, now);
        insertSent(r, AuditTrail.SELF_ACTOR, null, now);
        audit.recordSelfReferral(subject.id(), AuditAction.REFERRAL_SENT, List.of(DataCategory.NEEDS, DataCategory.SAFE_CONTACT), reference);
        return r;
    }

    /**
     * The pathway a new referral joins, checking the caller may refer her: her own organisation (a new pathway unless it
     * names one it is on), or an organisation that has taken up a referral for her (onward, on that pathway). Re-routing
     * and child referrals join the pathway of the referral they replace or split.
     */
    private UUID pathwayFor(SendCommand cmd, Subject subject, UUID org) {
        boolean owner = subject.organisationId().equals(org);
        if (owner && !restricted.sees(subject)) throw ProblemException.notFound("The subject"); // restricted (ADR 0032)
        Optional<Referral> takenUp = owner ? Optional.empty() : referrals.liveReceived(subject.id(), org);
        if (!owner && takenUp.isEmpty()) throw ProblemException.notFound("The subject");
        if (cmd.replacesReferralId() != null) {
            Referral old = referrals.findForOrganisation(cmd.replacesReferralId(), org, false)
                    .filter(r -> r.subjectId().equals(subject.id()) && r.fromOrganisationId().equals(org))
                    .orElseThrow(() -> unprocessable("unknown-referral", "The referral to replace is not one of yours for her.",
                            "replacesReferralId", "is not a referral your organisation sent for her"));
            if (old.state() != ReferralState.DECLINED && old.state() != ReferralState.EXPIRED) {
                throw unprocessable("not-reroutable", "Only a DECLINED or EXPIRED referral can be re-routed.", "replacesReferralId",
                        "is " + old.state() + ", not DECLINED or EXPIRED");
            }
            return old.pathwayId();
        }
        if (cmd.parentReferralId() != null) {
            Referral parent = referrals.findForOrganisation(cmd.parentReferralId(), org, false)
                    .filter(r -> r.subjectId().equals(subject.id()) && r.toOrganisationId().equals(org) && isTakenUp(r.state()))
                    .orElseThrow(() -> unprocessable("unknown-referral", "The parent referral is not a live referral to you for her.",
                            "parentReferralId", "is not a live referral your organisation received for her"));
            return parent.pathwayId();
        }
        if (cmd.pathwayId() != null) {
            if (!referrals.onPathway(cmd.pathwayId(), subject.id(), org)) {
                throw unprocessable("unknown-pathway", "The pathway is not one of hers that your organisation is on.", "pathwayId",
                        "is not a pathway of hers that your organisation is on");
            }
            return cmd.pathwayId();
        }
        if (owner) return null; // a new pathway, named after this first referral
        return takenUp.get().pathwayId(); // onward: on the pathway of the referral she came to us by
    }

    static boolean isTakenUp(ReferralState s) {
        return s == ReferralState.ACCEPTED || s == ReferralState.ON_HOLD || s == ReferralState.IN_PROGRESS;
    }

    private byte[] text(byte[] key, UUID subjectId, UUID referralId, String field, String value) {
        if (value == null || value.isEmpty()) return null;
        return crypto.encryptReferralText(key, subjectId, referralId, field, value.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------------------- lifecycle

    /**
     * Moves a referral. The caller's organisation decides the actor (sender: REFERRER, receiver: RECEIVER); the state
     * machine decides whether the move exists and what it needs; {@code expectedVersion} (If-Match) refuses a move
     * based on a stale read. Terminal states end the receiver's access (an access-ended event).
     */
    @Inject
    SubjectSummaryService summaries;

    @Transactional
    public Referral move(UUID id, ReferralStateMachine.Move move, Long expectedVersion) {
        UUID org = caller.requireOrganisation();
        Referral r = gate.referral(id, true);
        // If-Match is required: 428 without it, 412 when stale (issue 14, finding 10) - after the 404, so a caller who may
        // not see the referral learns nothing from the header's absence.
        if (expectedVersion == null) {
            throw new ProblemException(Problem.of(428, "if-match-required", "Precondition required",
                    "Send If-Match with the version you read (the referral's ETag, e.g. \"3\"); nothing was changed.")
                    .withErrors(List.of(new Problem.FieldError("If-Match", "is required"))));
        }
        if (expectedVersion != r.version()) {
            throw new ProblemException(Problem.of(412, "stale-version", "Precondition failed", "The referral is at version "
                    + r.version() + ", not the version you read; read it again and retry."));
        }
        // Internal (ADR 0053): the organisation is on both sides, the move decides the actor; otherwise the caller's side.
        ReferralStateMachine.Transition t = r.internal()
                ? ReferralStateMachine.moveInternal(r.state(), move, Set.copyOf(r.needs()), LocalDate.now(ZONE))
                : ReferralStateMachine.move(r.state(), r.sideOf(org), move, Set.copyOf(r.needs()), LocalDate.now(ZONE));
        Actor actor = t.actor();
        pathways.requireChildrenEnded(id, t.to()); // a Connector's parent closes after its children (ADR 0037)
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Referral moved = r.moved(t.to(), r.version() + 1, t.to() == ReferralState.ON_HOLD ? t.reviewDate() : null, now);
        referrals.move(moved, new HistoryEntry(id, moved.version(), now, caller.userId(), org, actor, t.from(), t.to(), t.reason(),
                t.reviewDate(), t.outcomes(), t.onwardNeeds()));
        // Issue 17, item 6 (ADR 0066): the outcomes update her NEEDS section, attributed to whoever recorded them.
        if (t.to() == ReferralState.COMPLETED) summaries.recordOutcomes(r.subjectId(), t.outcomes(), id);
        events.moved(moved, t.from(), t.reason(), caller.userId(), now);
        blockageLog.moved(moved, t.reason(), now); // a decline or non-completion is a system blockage (ADR 0071)
        timers.changed(moved); // cancels the old state's timers, schedules the new one's (ADR 0036)
        // Off the waiting list: informal support while waiting ends with it (ADR 0054).
        if (t.from() == ReferralState.ON_HOLD && t.to() != ReferralState.ON_HOLD) waitingList.endInformal(id, caller.userId(), now);
        if (t.to().isTerminal() && !t.from().isTerminal()) events.accessEnded(moved, caller.userId(), now);
        audit.record(r.subjectId(), AuditAction.REFERRAL_MOVED, List.of(), Purpose.REFERRAL, AuditBasis.REFERRAL, id.toString());
        return moved;
    }

    /**
     * The referral with its free texts, for its sender or receiver (404 for everyone else), through the access gate:
     * the sender reads its own texts; the receiver each text only as her consent permits its section now, and the
     * contact flags always (ADR 0046). Audited there.
     */
    @Transactional
    public ReferralDetail get(UUID id) {
        Referral r = gate.referral(id, false);
        AccessGate.FreeTexts t = gate.freeTexts(r);
        AccessGate.StatutoryDetail statutory = statutoryReferrals.find(id).map(s -> gate.statutoryDetail(r, s)).orElse(null);
        return new ReferralDetail(r, t.note(), t.safeContactInstructions(), t.contactFlags(), statutory);
    }

    @Transactional
    public List<HistoryEntry> history(UUID id) {
        gate.referral(id, false);
        return referrals.history(id);
    }

    @Transactional
    public List<Referral> list(boolean incoming, Set<ReferralState> states, int limit) {
        return referrals.list(caller.requireOrganisation(), incoming, states, limit, restricted.hide());
    }

    static ProblemException unprocessable(String slug, String detail, String field, String message) {
        return ProblemException.unprocessable(slug, detail, List.of(new Problem.FieldError(field, message)));
    }
}
