package org.pathways.referral.service;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.repository.Jdbc;
import org.pathways.referral.access.AccessRules;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.repository.SubjectRepository;

/**
 * Where a named member of staff stands towards her, answered for consent-service (ADR 0027): referral-service owns
 * subjects, restriction and referral states, so consent-service asks here on every end-user request about her instead
 * of keeping a copy that lags behind. The restriction rule is {@link AccessRules}'s, not a second one.
 */
@ApplicationScoped
public class SubjectStanding {

    /** How the organisation relates to her, strongest first. */
    public enum Relation {
        /** It registered her (owns her record). */
        REGISTERING,
        /** It receives a referral for her that it has taken up: ACCEPTED or IN_PROGRESS. */
        TAKEN_UP,
        /** It sends or receives a referral for her that is not terminal (and not a draft). */
        LIVE_REFERRAL,
        NONE
    }

    public record Standing(UUID subjectId, UUID registeringOrganisationId, String leadWorkerUserId, boolean restricted,
                           long version, boolean visible, Relation relation) {
    }

    @Inject
    SubjectRepository subjects;

    @Inject
    Jdbc jdbc;

    /** Empty when she is unknown or erased. */
    public Optional<Standing> of(UUID subjectId, UUID organisationId, String userId, Collection<String> roles) {
        if (erasedOrUnknown(subjectId)) return Optional.empty();
        Optional<Subject> found = subjects.find(subjectId);
        if (found.isEmpty()) return Optional.empty();
        Subject s = found.get();
        // The one restriction rule (ADR 0032, 0047), applied to the caller consent-service names.
        boolean visible = !AccessRules.restrictionHides(new AccessRules.Viewer(organisationId, userId, java.util.Set.copyOf(roles)),
                new AccessRules.SubjectFacts(s.organisationId(), s.restricted(), s.leadWorkerId()));
        Relation relation = organisationId.equals(s.organisationId()) ? Relation.REGISTERING : relation(subjectId, organisationId);
        return Optional.of(new Standing(s.id(), s.organisationId(), s.leadWorkerId(), s.restricted(), s.version(), visible,
                relation));
    }

    static Relation strongest(Relation a, Relation b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /** From the referrals that name the organisation as sender or receiver. */
    private Relation relation(UUID subjectId, UUID organisationId) {
        Relation best = Relation.NONE;
        for (Relation r : jdbc.query("select state, to_organisation_id = ? as receiver from referral"
                + " where subject_id = ? and (from_organisation_id = ? or to_organisation_id = ?)",
                Jdbc.params(organisationId, subjectId, organisationId, organisationId),
                rs -> relationOf(ReferralState.valueOf(rs.getString("state")), rs.getBoolean("receiver")))) {
            best = strongest(best, r);
        }
        return best;
    }

    /** One referral's contribution: a plain function of its state and the organisation's side, unit-tested. */
    public static Relation relationOf(ReferralState state, boolean receiver) {
        if (receiver && (state == ReferralState.ACCEPTED || state == ReferralState.IN_PROGRESS)) return Relation.TAKEN_UP;
        if (state != ReferralState.DRAFT && !state.isTerminal()) return Relation.LIVE_REFERRAL;
        return Relation.NONE;
    }

    private boolean erasedOrUnknown(UUID subjectId) {
        return jdbc.one("select erased_at is not null from subject where id = ?", Jdbc.params(subjectId), rs -> rs.getBoolean(1))
                .orElse(true);
    }
}
