package org.pathways.consent.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.pathways.consent.domain.Consent;
import org.pathways.consent.domain.ConsentState;
import org.pathways.consent.domain.ConsentVersion;
import org.pathways.consent.domain.ObtainedMethod;
import org.pathways.consent.domain.Provision;
import org.pathways.consent.domain.Recipient;
import org.pathways.consent.domain.RecipientType;
import org.pathways.consent.domain.Standing;
import org.pathways.consent.domain.Times;
import org.pathways.consent.domain.Withdrawal;
import org.pathways.consent.repository.AuditRepository.Action;
import org.pathways.consent.repository.ConsentRepository;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;

/** Recording, changing and withdrawing consent. Every change is a new version; nothing is deleted. */
@ApplicationScoped
public class ConsentService {

    private static final Logger LOG = Logger.getLogger(ConsentService.class);

    @Inject
    ConsentRepository consents;

    @Inject
    AccessPolicy access;

    @Inject
    ConsentEvents events;

    @Inject
    AccessAudit audit;

    public record ConsentHistory(Consent consent, List<ConsentVersion> versions, List<Withdrawal> withdrawals) {

        public ConsentVersion current() {
            return versions.stream().filter(v -> v.version() == consent.currentVersion()).findFirst().orElseThrow();
        }
    }

    public record PartialScope(Recipient recipient, DataCategory category) {
    }

    /** The first version of her consent within a partnership. 409 if one exists: record a new version of it instead. */
    @Transactional
    public ConsentHistory record(UUID subjectId, UUID partnershipId, ConsentTerms terms) {
        Standing standing = access.requireAccess(subjectId);
        validate(terms, partnershipId, "");
        if (consents.findBySubjectAndPartnership(subjectId, partnershipId).isPresent()) {
            throw ProblemException.conflict("consent-exists",
                    "She already has a consent record in this partnership; record a new version of it.");
        }
        access.requireMayWiden(standing); // a first record widens: it starts sharing
        OffsetDateTime now = Times.now();
        Consent consent = new Consent(UUID.randomUUID(), subjectId, partnershipId, 1, now);
        consents.insertConsent(consent);
        ConsentVersion v = newVersion(consent.id(), 1, "GRANTED", terms, now);
        consents.insertVersion(v, subjectId, partnershipId);
        events.consent(EventTypes.CONSENT_GRANTED, consent, v, "ACTIVE", v.recordedByUser().toString(), now, null);
        recorded(Action.CONSENT_RECORDED, consent, standing, v, true, now);
        LOG.infof("consent %s v1 granted for subject %s", consent.id(), subjectId);
        return history(consent.id());
    }

    /** A new version replacing the current one (optimistic: based on the version the worker saw). */
    @Transactional
    public ConsentHistory change(UUID consentId, int basedOnVersion, ConsentTerms terms) {
        Consent consent = consents.lock(consentId).orElseThrow(() -> ProblemException.notFound("The consent"));
        Standing standing = access.requireAccess(consent.subjectId(), "The consent");
        validate(terms, consent.partnershipId(), "");
        requireCurrent(consent, basedOnVersion);
        ConsentVersion current = consents.version(consentId, consent.currentVersion()).orElseThrow();
        boolean widens = ConsentWidening.widens(current.state() == ConsentState.ACTIVE ? current.provisions() : List.of(),
                terms.provisions());
        if (widens) access.requireMayWiden(standing);
        OffsetDateTime now = Times.now();
        consents.endVersion(consentId, consent.currentVersion(), ConsentState.SUPERSEDED, now);
        int next = consent.currentVersion() + 1;
        ConsentVersion v = newVersion(consentId, next, "CHANGED", terms, now);
        consents.insertVersion(v, consent.subjectId(), consent.partnershipId());
        consents.setCurrentVersion(consentId, next);
        events.consent(EventTypes.CONSENT_CHANGED, consent, v, "ACTIVE", v.recordedByUser().toString(), now, null);
        recorded(Action.CONSENT_RECORDED, consent, standing, v, widens, now);
        LOG.infof("consent %s v%d recorded", consentId, next);
        return history(consentId);
    }

    /**
     * Withdraws the whole consent (scope null) or one recipient and/or one category of it. A partial withdrawal is a
     * new, narrower version; withdrawing what is left is a whole withdrawal. Either way the provisions stop counting
     * in the same transaction, so the very next decision denies them.
     */
    @Transactional
    public ConsentHistory withdraw(UUID consentId, Integer basedOnVersion, PartialScope scope, ObtainedMethod method) {
        Consent consent = consents.lock(consentId).orElseThrow(() -> ProblemException.notFound("The consent"));
        Standing standing = access.requireAccess(consent.subjectId(), "The consent");
        if (basedOnVersion != null) requireCurrent(consent, basedOnVersion);
        ConsentVersion current = consents.version(consentId, consent.currentVersion()).orElseThrow();
        if (current.state() != ConsentState.ACTIVE) {
            throw ProblemException.conflict("consent-not-active",
                    "The current version is " + current.state() + "; there is nothing to withdraw.");
        }
        OffsetDateTime now = Times.now();
        UUID user = access.userId();
        UUID org = access.organisationId();
        List<Provision> remaining = current.provisions();
        if (scope != null) {
            remaining = current.provisions().stream().filter(p -> !matches(p, scope)).toList();
            if (remaining.size() == current.provisions().size()) {
                throw ProblemException.unprocessable("nothing-to-withdraw",
                        "The current version names no such recipient or category.",
                        List.of(new Problem.FieldError(scope.recipient() != null ? "recipient" : "category",
                                "not named by the current version")));
            }
        }
        if (scope == null || remaining.isEmpty()) {
            consents.endVersion(consentId, current.version(), ConsentState.WITHDRAWN, now);
            consents.insertWithdrawal(new Withdrawal(UUID.randomUUID(), consentId, current.version(), null,
                    scope == null ? "WHOLE" : "PARTIAL", scope == null ? null : scope.recipient(),
                    scope == null ? null : scope.category(), method, user, org, now));
            ConsentVersion ended = new ConsentVersion(consentId, current.version(), ConsentState.WITHDRAWN,
                    current.changeKind(), current.obtainedMethod(), current.language(), current.interpreterUsed(),
                    current.art6Basis(), current.art9Condition(), null, current.validFrom(), current.validUntil(),
                    current.recordedByUser(), org, current.recordedAt(), now, List.of());
            // Whole (or all that was left): every receiver is affected.
            events.withdrawn(consent, ended, "WITHDRAWN", user.toString(), now, scope == null ? "WHOLE" : "PARTIAL",
                    scope == null ? null : recipientIds(current.provisions()));
            audit.read(Action.CONSENT_WITHDRAWN, new AccessAudit.Target(consent.subjectId(), consentId, null,
                    consent.partnershipId()), AccessPolicy.basis(standing));
            LOG.infof("consent %s v%d withdrawn", consentId, current.version());
        } else {
            consents.endVersion(consentId, current.version(), ConsentState.SUPERSEDED, now);
            int next = current.version() + 1;
            ConsentVersion v = new ConsentVersion(consentId, next, ConsentState.ACTIVE, "PARTIAL_WITHDRAWAL",
                    current.obtainedMethod(), current.language(), current.interpreterUsed(), current.art6Basis(),
                    current.art9Condition(), current.explanationNote(), min(remaining), max(remaining), user, org, now,
                    now, remaining);
            consents.insertVersion(v, consent.subjectId(), consent.partnershipId());
            consents.setCurrentVersion(consentId, next);
            consents.insertWithdrawal(new Withdrawal(UUID.randomUUID(), consentId, current.version(), next, "PARTIAL",
                    scope.recipient(), scope.category(), method, user, org, now));
            List<Provision> removed = current.provisions().stream().filter(p -> matches(p, scope)).toList();
            events.withdrawn(consent, v, "ACTIVE", user.toString(), now, "PARTIAL", recipientIds(removed));
            audit.read(Action.CONSENT_WITHDRAWN, new AccessAudit.Target(consent.subjectId(), consentId, null,
                    consent.partnershipId()), AccessPolicy.basis(standing));
            LOG.infof("consent %s partially withdrawn: v%d", consentId, next);
        }
        return history(consentId);
    }

    /** One consent with all its versions and withdrawals; the read is audited as CONSENT_READ (ADR 0026). */
    @Transactional
    public ConsentHistory get(UUID consentId) {
        return read(consentId, Action.CONSENT_READ);
    }

    /** One consent, read for {@code action} (CONSENT_READ, RECEIPT_READ): exactly one audit row, in this transaction. */
    @Transactional
    ConsentHistory read(UUID consentId, Action action) {
        Consent consent = consents.find(consentId).orElseThrow(() -> ProblemException.notFound("The consent"));
        AccessPolicy.ReadBasis basis = access.requireReader(consent.subjectId(), "The consent");
        audit.read(action, new AccessAudit.Target(consent.subjectId(), consentId, null, consent.partnershipId()), basis);
        return history(consentId);
    }

    /** All her consents; one CONSENTS_LISTED row for the list, even an empty one (she was looked up). */
    @Transactional
    public List<ConsentHistory> forSubject(UUID subjectId) {
        AccessPolicy.ReadBasis basis = access.requireReader(subjectId, "The subject");
        audit.read(Action.CONSENTS_LISTED, AccessAudit.Target.subject(subjectId), basis);
        return consents.forSubject(subjectId).stream().map(c -> history(c.id())).toList();
    }

    /**
     * Who recorded a version goes into her access log (issue 14); a widening by an organisation other than her
     * registering one also tells that organisation (ADR 0027).
     */
    private void recorded(Action action, Consent consent, Standing standing, ConsentVersion v, boolean widens,
                          OffsetDateTime now) {
        audit.read(action, new AccessAudit.Target(consent.subjectId(), consent.id(), null, consent.partnershipId()),
                AccessPolicy.basis(standing));
        if (widens && standing.relation() != Standing.Relation.REGISTERING) {
            events.widened(consent, v, standing.registeringOrganisationId(), standing.leadWorkerUserId(), now);
            LOG.infof("consent %s v%d widened by organisation %s", consent.id(), v.version(), v.recordedByOrg());
        }
    }

    /** The distinct recipients named by these provisions: which receivers a partial withdrawal affects. */
    static List<UUID> recipientIds(List<Provision> provisions) {
        return provisions.stream().map(p -> p.recipient().id()).distinct().toList();
    }

    private ConsentHistory history(UUID consentId) {
        Consent consent = consents.find(consentId).orElseThrow();
        return new ConsentHistory(consent, consents.versions(consentId), consents.withdrawals(consentId));
    }

    private ConsentVersion newVersion(UUID consentId, int version, String kind, ConsentTerms t, OffsetDateTime now) {
        return new ConsentVersion(consentId, version, ConsentState.ACTIVE, kind, t.obtainedMethod(), t.language(),
                t.interpreterUsed(), t.art6Basis(), t.art9Condition(), t.explanationNote(), min(t.provisions()),
                max(t.provisions()), access.userId(), access.organisationId(), now, now, t.provisions());
    }

    private static void requireCurrent(Consent consent, int basedOnVersion) {
        if (consent.currentVersion() != basedOnVersion) {
            throw new ProblemException(Problem.of(409, "stale-version", "Conflict",
                    "The consent has changed since version " + basedOnVersion + "; reload it and try again.")
                    .withErrors(List.of(new Problem.FieldError("basedOnVersion",
                            "current version is " + consent.currentVersion()))));
        }
    }

    private static boolean matches(Provision p, PartialScope s) {
        return (s.recipient() == null || s.recipient().equals(p.recipient()))
                && (s.category() == null || s.category() == p.category());
    }

    /** A last guard: the resource has already reported field-level detail for each bad entry. */
    static void validate(ConsentTerms terms, UUID partnershipId, String prefix) {
        if (terms.provisions().isEmpty()) throw ProblemException.invalidField(prefix + "provisions", "must not be empty");
        for (Provision p : terms.provisions()) {
            if (p.recipient().type() == RecipientType.PARTNERSHIP && !Objects.equals(p.recipient().id(), partnershipId)) {
                throw ProblemException.invalidField(prefix + "provisions", "a PARTNERSHIP recipient must be the consent's partnership");
            }
            if (!p.validUntil().isAfter(p.validFrom())) {
                throw ProblemException.invalidField(prefix + "provisions", "validUntil must be after validFrom");
            }
        }
    }

    static OffsetDateTime min(List<Provision> ps) {
        return ps.stream().map(Provision::validFrom).min(Comparator.naturalOrder()).orElseThrow();
    }

    static OffsetDateTime max(List<Provision> ps) {
        return ps.stream().map(Provision::validUntil).max(Comparator.naturalOrder()).orElseThrow();
    }
}
