package org.pathways.consent.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.consent.client.DirectoryClient;
import org.pathways.consent.domain.SafeguardingOverride;
import org.pathways.consent.domain.Standing;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;

/**
 * Who may act for a subject: the organisation that registered her, and any organisation with a live referral for her
 * (she tells whichever worker she trusts), as referral-service answers it on every request (ADR 0027). A restricted
 * case (ADR 0032) does not exist for a colleague referral-service hides her from. Everyone else gets 404, so a guessed
 * subject id learns nothing, not even whether she is known to another organisation. Which roles may write or only read
 * is set on each endpoint.
 */
@ApplicationScoped
public class AccessPolicy {

    @Inject
    Standings standings;

    @Inject
    Caller caller;

    @Inject
    DirectoryClient directory;

    public Standing requireAccess(UUID subjectId) {
        return requireAccess(subjectId, "The subject");
    }

    /**
     * For a consent or override found by its own id: {@code what} names that record, so one that is not the caller's
     * answers exactly as an unknown id does (naming "the subject" would tell that the id exists).
     */
    public Standing requireAccess(UUID subjectId, String what) {
        Standing s = standings.ofCaller(subjectId).orElseThrow(() -> ProblemException.notFound(what));
        if (!s.mayAct()) throw ProblemException.notFound(what);
        return s;
    }

    /** Why a caller could read data about her: recorded with the read (ADRs 0025, 0026). Codes only; never rename. */
    public enum ReadBasis {
        /** The caller's organisation registered her. */
        ORGANISATION,
        /** The caller's organisation has a live referral (either side) for her. */
        LIVE_REFERRAL,
        /** A privacy officer of an organisation of the override's partnership (approved overrides by id only). */
        PARTNERSHIP_PRIVACY_OFFICER
    }

    /** As {@link #requireAccess(UUID, String)}, answering which relation let the caller in. */
    public ReadBasis requireReader(UUID subjectId, String what) {
        return basis(requireAccess(subjectId, what));
    }

    public static ReadBasis basis(Standing s) {
        return s.relation() == Standing.Relation.REGISTERING ? ReadBasis.ORGANISATION : ReadBasis.LIVE_REFERRAL;
    }

    /**
     * Her access log: privacy officers (the role is set on the endpoint) of the organisation that registered her only.
     * A live referral does not open it: the log names every organisation that works with her (ADR 0026).
     */
    public void requireRegisteringOrganisation(UUID subjectId) {
        if (requireAccess(subjectId).relation() != Standing.Relation.REGISTERING) throw ProblemException.notFound("The subject");
    }

    /**
     * Widening her consent (a new recipient, purpose or category, a longer period, or a first record; ADR 0027): her
     * registering organisation always; any other organisation only while it has taken up a referral for her (ACCEPTED
     * or IN_PROGRESS), and then her registering organisation is told. Narrowing and withdrawing need no more than
     * {@link #requireAccess(UUID, String)}.
     */
    public void requireMayWiden(Standing s) {
        if (s.relation() == Standing.Relation.REGISTERING || s.relation() == Standing.Relation.TAKEN_UP) return;
        throw new ProblemException(Problem.of(403, "widening-not-allowed", "Forbidden",
                "Only her registering organisation, or an organisation that has accepted a referral for her, may widen her"
                        + " consent (a new recipient, purpose or category, or a longer period). You may record a"
                        + " withdrawal or a narrower version."));
    }

    /**
     * One override, by id. Whoever may act for her (as {@link #requireAccess(UUID, String)}); besides them, only a
     * privacy officer of an organisation the directory lists as LEAD or MEMBER of the override's partnership, and only
     * once it was approved: the officers its approval alerts (issue 4) must be able to open what they were alerted
     * about, and nothing more — not a pending request of another organisation, not her consents, no list by subject
     * (ADR 0025). Everyone else, a colleague her restricted case is hidden from, and the directory unreachable (ADR
     * 0023), gets the same 404 as an unknown id. The directory is asked last, and only on this read, never on the
     * decision path.
     */
    public ReadBasis requireOverrideReader(SafeguardingOverride o) {
        UUID org = caller.requireOrganisation();
        Standing s = standings.ofCaller(o.subjectId()).orElseThrow(() -> ProblemException.notFound("The override"));
        if (!s.visible()) throw ProblemException.notFound("The override");
        if (s.relation() != Standing.Relation.NONE) return basis(s);
        // approvedAt: APPROVED, or EXPIRED after it was approved (the alert stays in her inbox after the sharing ended).
        if (o.approvedAt() != null && caller.hasRole(Roles.PRIVACY_OFFICER)
                && directory.isSharingMember(org, o.partnershipId())) {
            return ReadBasis.PARTNERSHIP_PRIVACY_OFFICER;
        }
        throw ProblemException.notFound("The override");
    }

    public UUID userId() {
        try {
            return UUID.fromString(caller.userId());
        } catch (RuntimeException e) {
            throw ProblemException.forbidden("Your account has no user id this service can record.");
        }
    }

    public UUID organisationId() {
        return caller.requireOrganisation();
    }
}
