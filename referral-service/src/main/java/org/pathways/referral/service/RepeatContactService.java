package org.pathways.referral.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.Purpose;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.access.AccessGate;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.repository.RepeatContactRepository;
import org.pathways.referral.repository.RepeatContactRepository.Contact;

/**
 * Repeat contacts (issue 16 item 8, ADR 0072): her own organisation records that she came back on her existing record,
 * or links a record registered again to her earlier one. Both records must be the caller's organisation's and visible
 * to her (404 otherwise): there is no search and no lookup across organisations; the worker who knows her links them.
 */
@ApplicationScoped
public class RepeatContactService {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** The channels a worker records; REGISTERED_AGAIN is the link's own. */
    public enum Channel { HELPLINE, DROP_IN, OUTREACH, SELF_REFERRAL, REFERRAL_IN, OTHER }

    @Inject
    AccessGate gate;

    @Inject
    RepeatContactRepository contacts;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    /** She came back: a contact on her record (the earliest, if this one was linked to it). */
    @Transactional
    public Contact record(UUID subjectId, LocalDate on, Channel channel) {
        if (on.isAfter(LocalDate.now(LONDON))) throw ProblemException.invalidField("contactedOn", "must not be in the future");
        Subject s = gate.ownedSubject(subjectId, true);
        UUID root = contacts.repeatOf(s.id()).orElse(s.id());
        if (!root.equals(s.id())) gate.ownedSubject(root, true);
        Contact c = new Contact(UUID.randomUUID(), root, on, channel.name(), null, caller.userId(), now());
        contacts.insert(c, s.organisationId());
        audit.record(root, AuditAction.REPEAT_CONTACT_RECORDED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, c.id().toString());
        return c;
    }

    /**
     * The record {@code subjectId} was registered again for a woman the organisation already knew as {@code earlierId}:
     * linked to it (to the earliest record, if that was itself linked), counted as her return on the day the later
     * record was registered. Refused: the same record (400), a later record as the earlier (422), one already linked (409).
     */
    @Transactional
    public Contact link(UUID subjectId, UUID earlierId) {
        if (subjectId.equals(earlierId)) throw ProblemException.invalidField("subjectId", "must be her other, earlier record");
        Subject later = gate.ownedSubject(subjectId, true);
        Subject earlier = gate.ownedSubject(earlierId, true);
        UUID root = contacts.repeatOf(earlier.id()).orElse(earlier.id());
        if (contacts.repeatOf(later.id()).isPresent()) {
            throw new ProblemException(Problem.of(409, "already-linked", "Conflict", "This record is already linked to an earlier one.")
                    .withErrors(List.of(new Problem.FieldError("subjectId", "the record is linked already"))));
        }
        if (root.equals(later.id()) || !earlier.registeredAt().isBefore(later.registeredAt())) {
            throw new ProblemException(Problem.of(422, "not-earlier", "Unprocessable request",
                    "Link a record registered again to her earlier record, not the other way round.")
                    .withErrors(List.of(new Problem.FieldError("subjectId", "must be registered before this record"))));
        }
        contacts.link(later.id(), root);
        Contact c = new Contact(UUID.randomUUID(), root, later.registeredAt().atZone(LONDON).toLocalDate(), "REGISTERED_AGAIN", later.id(),
                caller.userId(), now());
        contacts.insert(c, later.organisationId());
        audit.record(root, AuditAction.REPEAT_CONTACT_LINKED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, later.id().toString());
        audit.record(later.id(), AuditAction.REPEAT_CONTACT_LINKED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, root.toString());
        return c;
    }

    /** Her contacts: where her record points (if it was registered again) and every return recorded on her earliest record. */
    public record Contacts(UUID subjectId, UUID repeatOf, LocalDate registeredOn, List<Contact> contacts) {
    }

    @Transactional
    public Contacts of(UUID subjectId) {
        Subject s = gate.ownedSubject(subjectId, false);
        UUID repeatOf = contacts.repeatOf(s.id()).orElse(null);
        return new Contacts(s.id(), repeatOf, s.registeredAt().atZone(LONDON).toLocalDate(), contacts.of(repeatOf != null ? repeatOf : s.id()));
    }

    /** The caller's organisation's figures for the UK days [from, to]. */
    @Transactional
    public RepeatContactRepository.Figures figures(LocalDate from, LocalDate to) {
        return contacts.figures(caller.requireOrganisation(), from, to.plusDays(1));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
