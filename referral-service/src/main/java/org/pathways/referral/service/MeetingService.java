package org.pathways.referral.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.Purpose;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.access.AccessGate;
import org.pathways.referral.client.StaffDirectory;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.Meeting;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.repository.MeetingRepository;
import org.pathways.referral.repository.SubjectRepository;
import org.pathways.referral.security.SubjectCrypto;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Multi-agency meeting records (issue 16 item 3, ADR 0069): an organisation records an MDT, MARAC-style or team-around-
 * the-person meeting - date, attending organisations, and for each woman it registered who was discussed the decisions
 * (codes) and actions (owner organisation and worker, due date, a text encrypted under her key). Every record and every
 * read of her part is audited like any read of her data, through the access gate; a restricted case stays hidden.
 */
@ApplicationScoped
public class MeetingService {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Inject
    AccessGate gate;

    @Inject
    SubjectRepository subjects;

    @Inject
    MeetingRepository meetings;

    @Inject
    SubjectCrypto crypto;

    @Inject
    StaffDirectory staff;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    /** An action as asked: its text in clear until it is sealed under her key. */
    public record NewAction(String text, UUID ownerOrganisationId, UUID ownerUserId, LocalDate dueOn) {
    }

    public record NewCase(UUID subjectId, List<Meeting.Decision> decisions, List<NewAction> actions) {
    }

    public Meeting record(Meeting.Kind kind, LocalDate heldOn, List<UUID> attendees, List<NewCase> cases) {
        UUID org = caller.requireOrganisation();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (heldOn.isAfter(LocalDate.now(LONDON))) errors.add(new Problem.FieldError("heldOn", "must not be in the future"));
        Set<UUID> present = new LinkedHashSet<>(attendees);
        present.add(org); // the recording organisation was there
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < cases.size(); i++) {
            NewCase c = cases.get(i);
            if (!seen.add(c.subjectId())) errors.add(new Problem.FieldError("cases[" + i + "].subjectId", "is listed twice"));
            List<NewAction> actions = c.actions() == null ? List.of() : c.actions();
            for (int j = 0; j < actions.size(); j++) {
                NewAction a = actions.get(j);
                String at = "cases[" + i + "].actions[" + j + "].";
                if (!present.contains(a.ownerOrganisationId())) errors.add(new Problem.FieldError(at + "ownerOrganisationId",
                        "must be an attending organisation"));
                if (a.dueOn().isBefore(heldOn)) errors.add(new Problem.FieldError(at + "dueOn", "must not be before the meeting"));
            }
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some fields are missing or invalid.", errors);
        // Every woman discussed must be one the caller's organisation registered and the caller may see (else 404, as for
        // a send): checked before Keycloak is asked about anyone.
        QuarkusTransaction.requiringNew().run(() -> cases.forEach(c -> gate.ownedSubject(c.subjectId(), false)));
        for (int i = 0; i < cases.size(); i++) {
            List<NewAction> actions = cases.get(i).actions() == null ? List.of() : cases.get(i).actions();
            for (int j = 0; j < actions.size(); j++) {
                NewAction a = actions.get(j);
                if (a.ownerUserId() != null && staff.standing(a.ownerUserId().toString(), a.ownerOrganisationId()) != StaffDirectory.Standing.STAFF) {
                    throw ProblemException.invalidField("cases[" + i + "].actions[" + j + "].ownerUserId",
                            "is not a caseworker, referral coordinator or connector of the owner organisation");
                }
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> store(org, kind, heldOn, new ArrayList<>(present), cases));
    }

    private Meeting store(UUID org, Meeting.Kind kind, LocalDate heldOn, List<UUID> attendees, List<NewCase> cases) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Meeting.Case> stored = new ArrayList<>();
        for (NewCase c : cases) {
            gate.ownedSubject(c.subjectId(), false);
            byte[] key = subjects.wrappedKey(c.subjectId()).orElseThrow(() -> ProblemException.notFound("The subject"));
            List<Meeting.Action> actions = new ArrayList<>();
            List<NewAction> asked = c.actions() == null ? List.of() : c.actions();
            for (int j = 0; j < asked.size(); j++) {
                NewAction a = asked.get(j);
                UUID actionId = UUID.randomUUID();
                actions.add(new Meeting.Action(actionId, j, a.ownerOrganisationId(), a.ownerUserId() == null ? null : a.ownerUserId().toString(),
                        a.dueOn(), crypto.encryptMeetingText(key, c.subjectId(), id, actionId, a.text().getBytes(StandardCharsets.UTF_8)), null));
            }
            stored.add(new Meeting.Case(c.subjectId(), List.copyOf(new LinkedHashSet<>(c.decisions())), actions));
        }
        Meeting m = new Meeting(id, org, kind, heldOn, attendees, caller.userId(), now, stored);
        meetings.insert(m);
        for (Meeting.Case c : stored) {
            audit.record(c.subjectId(), AuditAction.MEETING_RECORDED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, id.toString());
        }
        return m;
    }

    /**
     * The meeting for the organisation that recorded it (404 for anyone else), each woman's actions decrypted. A woman
     * the caller may not see (a restricted case) is left out; each one shown is audited MEETING_READ.
     */
    public Meeting read(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            UUID org = caller.requireOrganisation();
            Meeting m = meetings.find(id, org).orElseThrow(() -> ProblemException.notFound("The meeting"));
            List<Meeting.Case> shown = new ArrayList<>();
            for (Meeting.Case c : m.cases()) {
                Optional<Subject> s = subjects.find(c.subjectId()).filter(gate::sees);
                Optional<byte[]> key = subjects.wrappedKey(c.subjectId());
                if (s.isEmpty() || key.isEmpty()) continue; // hidden from this reader, or erased
                List<Meeting.Action> actions = c.actions().stream().map(a -> new Meeting.Action(a.id(), a.position(), a.ownerOrganisationId(),
                        a.ownerUserId(), a.dueOn(), null, new String(crypto.decryptMeetingText(key.get(), c.subjectId(), m.id(), a.id(),
                                a.ciphertext()), StandardCharsets.UTF_8))).toList();
                shown.add(new Meeting.Case(c.subjectId(), c.decisions(), actions));
                audit.record(c.subjectId(), AuditAction.MEETING_READ, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, id.toString());
            }
            return new Meeting(m.id(), m.organisationId(), m.kind(), m.heldOn(), m.attendeeOrganisationIds(), m.recordedBy(), m.recordedAt(),
                    shown);
        });
    }

    /** The meetings she was discussed at, for her registering organisation (404 for anyone else). Ids, kinds, dates. */
    public List<MeetingRepository.Listed> forSubject(UUID subjectId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Subject s = gate.ownedSubject(subjectId, false);
            return meetings.forSubject(subjectId, s.organisationId());
        });
    }
}
