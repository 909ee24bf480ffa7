package org.pathways.referral.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.contracts.vocab.Roles;

/**
 * Every rule of who sees what of her, as plain functions on plain values (no Quarkus, no database, no HTTP): the
 * {@link AccessGate} gathers the facts (caller, subject, referral, consent-service's answer) and asks these. Kept apart so
 * each rule is unit-tested on its own (AccessRulesTest) and read in one place (ADR 0047, the README's access table).
 */
public final class AccessRules {

    private AccessRules() {
    }

    /** Who is asking: the caller's organisation, user id and roles. */
    public record Viewer(UUID organisationId, String userId, Set<String> roles) {
        /** Inside her organisation these roles see a restricted case (ADR 0032). */
        public boolean privileged() {
            return roles.contains(Roles.REFERRAL_COORDINATOR) || roles.contains(Roles.PRIVACY_OFFICER);
        }
    }

    /** The facts of her record the rules need. */
    public record SubjectFacts(UUID organisationId, boolean restricted, String leadWorkerId) {
    }

    // ----------------------------------------------------------------------------------------------- scope, restriction

    /** Scope: only her registering (owning) organisation reads her record, summary, access log and export. */
    public static boolean owns(Viewer v, SubjectFacts s) {
        return v.organisationId() != null && v.organisationId().equals(s.organisationId());
    }

    /**
     * Restriction (ADR 0032): a restricted case is known inside her organisation only to her lead worker, its referral
     * coordinators and privacy officers; to anyone else there she does not exist. Other organisations are not affected
     * by the flag (their access is what their referrals give them).
     */
    public static boolean restrictionHides(Viewer v, SubjectFacts s) {
        if (!s.restricted()) return false;
        if (v.organisationId() == null || !v.organisationId().equals(s.organisationId())) return false;
        if (v.privileged()) return false;
        return s.leadWorkerId() == null || !s.leadWorkerId().equals(v.userId());
    }

    /** The viewer's side of a referral. */
    public enum Side { SENDER, RECEIVER, NONE }

    /** Scope of a referral: its sending and receiving organisations, nobody else (404 for them). */
    public static Side side(UUID viewerOrganisation, UUID fromOrganisation, UUID toOrganisation) {
        if (viewerOrganisation == null) return Side.NONE;
        if (viewerOrganisation.equals(toOrganisation)) return Side.RECEIVER;
        if (viewerOrganisation.equals(fromOrganisation)) return Side.SENDER;
        return Side.NONE;
    }

    // ------------------------------------------------------------------------------------------ receiver and state rules

    /** Where a section stands for the receiver of a referral, before consent is asked. */
    public enum Reach {
        /** Within the referral's reach: shown if consent-service permits it now. */
        ASK_CONSENT,
        /** SENT: only the triage sections are in reach until the receiver accepts. */
        AWAITING_ACCEPTANCE,
        /** The referral is terminal: the receiver's access through it has ended. */
        ACCESS_ENDED
    }

    /** SENT = the triage sections (NEEDS, COMMUNICATION, SAFE_CONTACT); from ACCEPTED every one; terminal = none. */
    public static Reach reach(ReferralState state, DataCategory category) {
        if (state.isTerminal()) return Reach.ACCESS_ENDED;
        if (state == ReferralState.SENT && !DataCategory.triage().contains(category)) return Reach.AWAITING_ACCEPTANCE;
        return Reach.ASK_CONSENT;
    }

    /** The purposes a receiver's read rests on: the referral itself, or coordinating her case (either suffices). */
    public static final List<Purpose> RECEIVER_PURPOSES = List.of(Purpose.REFERRAL, Purpose.CASE_COORDINATION);

    /** The free texts that travel with a referral, and the section whose consent each follows (ADR 0046). */
    public enum FreeText {
        /** The note for the receiver says why she is referred and for what: her needs. */
        NOTE(DataCategory.NEEDS),
        /** How she may be contacted safely: her safe-contact details. */
        SAFE_CONTACT_INSTRUCTIONS(DataCategory.SAFE_CONTACT);

        private final DataCategory category;

        FreeText(DataCategory category) {
            this.category = category;
        }

        public DataCategory category() {
            return category;
        }
    }

    /** Whether a free text is shown, and on what basis. */
    public enum FreeTextDecision {
        /** The sender always reads what it wrote. */
        SHOWN_OWN,
        /** The receiver, as her consent (or an override) permits the text's section now. */
        SHOWN_CONSENT,
        /** The receiver, while her consent does not permit the text's section. */
        WITHHELD_NO_CONSENT,
        /** The receiver, after the referral ended. */
        WITHHELD_ACCESS_ENDED;

        public boolean shown() {
            return this == SHOWN_OWN || this == SHOWN_CONSENT;
        }
    }

    /** A referral's free text for one side: the sender always; the receiver as its section's reach and consent allow. */
    public static FreeTextDecision freeText(Side side, ReferralState state, FreeText text, Set<DataCategory> permittedNow) {
        if (side == Side.SENDER) return FreeTextDecision.SHOWN_OWN;
        if (side != Side.RECEIVER) throw new IllegalArgumentException("only the two organisations on a referral read it");
        return switch (reach(state, text.category())) {
            case ACCESS_ENDED -> FreeTextDecision.WITHHELD_ACCESS_ENDED;
            case AWAITING_ACCEPTANCE -> FreeTextDecision.WITHHELD_NO_CONSENT; // not reached: both texts are triage sections
            case ASK_CONSENT -> permittedNow.contains(text.category()) ? FreeTextDecision.SHOWN_CONSENT
                    : FreeTextDecision.WITHHELD_NO_CONSENT;
        };
    }

    // ------------------------------------------------------------------------------------------------------- pathways

    /** The purpose and section that let an organisation see another organisation's step of her pathway (ADR 0046). */
    public static final Purpose PATHWAY_PURPOSE = Purpose.CASE_COORDINATION;
    public static final DataCategory PATHWAY_CATEGORY = DataCategory.NEEDS;

    /** How one step of her pathway stands for a viewer. */
    public enum StepVisibility {
        /** Her registering organisation sees the whole pathway. */
        OWNER,
        /** The viewer sent or received this referral. */
        OWN_STEP,
        /** Another organisation's step: her consent lets the viewer see it (CASE_COORDINATION, NEEDS). */
        CONSENTED,
        /** Another organisation's step without that consent: nothing of it (organisation, service, need, id) is shown. */
        MASKED
    }

    /** Whether the viewer's sight of a step depends on consent (neither the owner nor a party to the step). */
    public static boolean stepNeedsConsent(UUID viewer, UUID owner, UUID from, UUID to) {
        return !viewer.equals(owner) && !viewer.equals(from) && !viewer.equals(to);
    }

    public static StepVisibility step(UUID viewer, UUID owner, UUID from, UUID to, boolean consentCoversViewer) {
        if (viewer.equals(owner)) return StepVisibility.OWNER;
        if (viewer.equals(from) || viewer.equals(to)) return StepVisibility.OWN_STEP;
        return consentCoversViewer ? StepVisibility.CONSENTED : StepVisibility.MASKED;
    }

    /** A step of the pathway tree: its id, the step it follows (or null) and its relation. */
    public record TreeStep<R>(UUID id, UUID follows, R relation) {
    }

    /**
     * The pathway as the viewer may see it: masked steps are left out (so not even their ids or number show), and a
     * shown step that followed a masked one follows its nearest shown ancestor instead, with {@code onward} as its
     * relation ({@code start} when no ancestor is shown): the tree stays a tree of what the viewer may see.
     */
    public static <R> List<TreeStep<R>> prune(List<TreeStep<R>> steps, Predicate<UUID> shown, R onward, R start) {
        Map<UUID, UUID> parent = new HashMap<>();
        for (TreeStep<R> s : steps) parent.put(s.id(), s.follows());
        List<TreeStep<R>> out = new ArrayList<>();
        for (TreeStep<R> s : steps) {
            if (!shown.test(s.id())) continue;
            if (s.follows() == null || shown.test(s.follows())) {
                out.add(s);
                continue;
            }
            UUID up = s.follows();
            Set<UUID> seen = new HashSet<>();
            while (up != null && !shown.test(up) && seen.add(up)) up = parent.get(up);
            out.add(up == null || !shown.test(up) ? new TreeStep<>(s.id(), null, start) : new TreeStep<>(s.id(), up, onward));
        }
        return out;
    }

    /** A proposal (onward needs at a completion) is shown exactly when the step it follows is. */
    public static boolean proposalShown(UUID afterReferralId, Collection<UUID> shownSteps) {
        return shownSteps.contains(afterReferralId);
    }

    /** A later step of the pathway as far as a proposal cares: when it was made and the needs it carries. */
    public record LaterStep(UUID id, java.time.Instant createdAt, Collection<String> needs) {
    }

    /**
     * The needs of a proposal still open for the viewer: a need is taken up once a later step carries it, but only a
     * step the viewer is shown counts. A hidden step must not change what the viewer sees (else a dropped need tells
     * the viewer someone took it up, ADR 0046).
     */
    public static List<String> openProposedNeeds(Collection<String> proposed, java.time.Instant completedAt,
            Collection<LaterStep> steps, Predicate<UUID> shown) {
        Set<String> open = new java.util.LinkedHashSet<>(proposed);
        for (LaterStep s : steps) {
            if (s.createdAt() != null && s.createdAt().isAfter(completedAt) && shown.test(s.id())) open.removeAll(s.needs());
        }
        return List.copyOf(open);
    }
}
