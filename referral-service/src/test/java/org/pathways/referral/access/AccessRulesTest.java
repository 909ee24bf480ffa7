package org.pathways.referral.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.contracts.vocab.Roles;
import org.pathways.referral.access.AccessRules.FreeText;
import org.pathways.referral.access.AccessRules.FreeTextDecision;
import org.pathways.referral.access.AccessRules.Reach;
import org.pathways.referral.access.AccessRules.Side;
import org.pathways.referral.access.AccessRules.StepVisibility;
import org.pathways.referral.access.AccessRules.SubjectFacts;
import org.pathways.referral.access.AccessRules.TreeStep;
import org.pathways.referral.access.AccessRules.Viewer;

/** Every access rule on plain values: no Quarkus, no database, no consent-service. */
class AccessRulesTest {

    static final UUID KAIROS = UUID.randomUUID();
    static final UUID CRASAC = UUID.randomUUID();
    static final UUID CELC = UUID.randomUUID();
    static final UUID FWT = UUID.randomUUID();

    static Viewer viewer(UUID org, String user, String... roles) {
        return new Viewer(org, user, Set.of(roles));
    }

    // ------------------------------------------------------------------------------------------------------- scope

    @Test
    void onlyHerOwningOrganisationOwnsHerRecord() {
        SubjectFacts her = new SubjectFacts(KAIROS, false, "lead");
        assertTrue(AccessRules.owns(viewer(KAIROS, "u", Roles.CASEWORKER), her));
        assertFalse(AccessRules.owns(viewer(CRASAC, "u", Roles.CASEWORKER), her));
        assertFalse(AccessRules.owns(viewer(null, "u", Roles.CASEWORKER), her));
    }

    @Test
    void aReferralHasTwoSidesAndEveryoneElseIsNone() {
        assertEquals(Side.SENDER, AccessRules.side(KAIROS, KAIROS, CRASAC));
        assertEquals(Side.RECEIVER, AccessRules.side(CRASAC, KAIROS, CRASAC));
        assertEquals(Side.NONE, AccessRules.side(CELC, KAIROS, CRASAC));
        assertEquals(Side.NONE, AccessRules.side(null, KAIROS, CRASAC));
    }

    // ------------------------------------------------------------------------------------------------- restriction

    @Test
    void aRestrictedCaseIsHiddenFromOtherStaffOfHerOrganisationOnly() {
        SubjectFacts restricted = new SubjectFacts(KAIROS, true, "lead");
        assertFalse(AccessRules.restrictionHides(viewer(KAIROS, "lead", Roles.CASEWORKER), restricted), "her lead worker");
        assertFalse(AccessRules.restrictionHides(viewer(KAIROS, "c", Roles.REFERRAL_COORDINATOR), restricted), "a coordinator");
        assertFalse(AccessRules.restrictionHides(viewer(KAIROS, "p", Roles.PRIVACY_OFFICER), restricted), "a privacy officer");
        assertTrue(AccessRules.restrictionHides(viewer(KAIROS, "other", Roles.CASEWORKER), restricted), "another caseworker");
        assertTrue(AccessRules.restrictionHides(viewer(KAIROS, "conn", Roles.CONNECTOR), restricted), "a connector");
        assertFalse(AccessRules.restrictionHides(viewer(CRASAC, "other", Roles.CASEWORKER), restricted),
                "other organisations: their referrals decide");
        assertFalse(AccessRules.restrictionHides(viewer(KAIROS, "other", Roles.CASEWORKER), new SubjectFacts(KAIROS, false, "lead")),
                "not restricted");
        assertTrue(AccessRules.restrictionHides(viewer(KAIROS, "other", Roles.CASEWORKER), new SubjectFacts(KAIROS, true, null)),
                "restricted without a lead worker: only the privileged roles");
    }

    // -------------------------------------------------------------------------------------------- receiver and state

    @Test
    void sentShowsTriageOnlyAcceptedEverySectionTerminalNothing() {
        for (DataCategory c : DataCategory.values()) {
            assertEquals(DataCategory.triage().contains(c) ? Reach.ASK_CONSENT : Reach.AWAITING_ACCEPTANCE,
                    AccessRules.reach(ReferralState.SENT, c), c + " while SENT");
            for (ReferralState live : List.of(ReferralState.ACCEPTED, ReferralState.ON_HOLD, ReferralState.IN_PROGRESS)) {
                assertEquals(Reach.ASK_CONSENT, AccessRules.reach(live, c), c + " at " + live);
            }
            for (ReferralState s : ReferralState.values()) {
                if (s.isTerminal()) assertEquals(Reach.ACCESS_ENDED, AccessRules.reach(s, c), c + " at " + s);
            }
        }
        assertEquals(List.of(Purpose.REFERRAL, Purpose.CASE_COORDINATION), AccessRules.RECEIVER_PURPOSES);
    }

    // --------------------------------------------------------------------------------------------------- free texts

    @Test
    void freeTextsFollowTheirSections() {
        assertEquals(DataCategory.NEEDS, FreeText.NOTE.category());
        assertEquals(DataCategory.SAFE_CONTACT, FreeText.SAFE_CONTACT_INSTRUCTIONS.category());
    }

    @Test
    void theSenderAlwaysReadsItsOwnTexts() {
        for (ReferralState s : ReferralState.values()) {
            for (FreeText t : FreeText.values()) {
                assertEquals(FreeTextDecision.SHOWN_OWN, AccessRules.freeText(Side.SENDER, s, t, Set.of()), t + " at " + s);
            }
        }
    }

    @Test
    void theReceiverReadsATextOnlyWhileConsentPermitsItsSection() {
        assertEquals(FreeTextDecision.SHOWN_CONSENT,
                AccessRules.freeText(Side.RECEIVER, ReferralState.SENT, FreeText.NOTE, Set.of(DataCategory.NEEDS)));
        assertEquals(FreeTextDecision.WITHHELD_NO_CONSENT,
                AccessRules.freeText(Side.RECEIVER, ReferralState.SENT, FreeText.NOTE, Set.of(DataCategory.SAFE_CONTACT)));
        assertEquals(FreeTextDecision.SHOWN_CONSENT, AccessRules.freeText(Side.RECEIVER, ReferralState.ACCEPTED,
                FreeText.SAFE_CONTACT_INSTRUCTIONS, Set.of(DataCategory.SAFE_CONTACT)));
        // After a whole withdrawal consent-service permits nothing: both texts are withheld (issue 14, finding 2).
        for (FreeText t : FreeText.values()) {
            FreeTextDecision d = AccessRules.freeText(Side.RECEIVER, ReferralState.IN_PROGRESS, t, Set.of());
            assertEquals(FreeTextDecision.WITHHELD_NO_CONSENT, d);
            assertFalse(d.shown());
        }
        // Terminal: access ended, whatever consent says.
        assertEquals(FreeTextDecision.WITHHELD_ACCESS_ENDED, AccessRules.freeText(Side.RECEIVER, ReferralState.COMPLETED,
                FreeText.NOTE, Set.of(DataCategory.values())));
        assertThrows(IllegalArgumentException.class, () -> AccessRules.freeText(Side.NONE, ReferralState.SENT, FreeText.NOTE, Set.of()));
    }

    // ----------------------------------------------------------------------------------------------------- pathways

    @Test
    void herRegisteringOrganisationSeesEveryStep() {
        assertEquals(StepVisibility.OWNER, AccessRules.step(KAIROS, KAIROS, CRASAC, CELC, false));
        assertFalse(AccessRules.stepNeedsConsent(KAIROS, KAIROS, CRASAC, CELC));
    }

    @Test
    void anOrganisationSeesItsOwnStepsSentOrReceived() {
        assertEquals(StepVisibility.OWN_STEP, AccessRules.step(CELC, KAIROS, CRASAC, CELC, false), "received");
        assertEquals(StepVisibility.OWN_STEP, AccessRules.step(CRASAC, KAIROS, CRASAC, CELC, false), "sent");
        assertFalse(AccessRules.stepNeedsConsent(CRASAC, KAIROS, CRASAC, CELC));
    }

    @Test
    void anotherOrganisationsStepNeedsHerConsentForCaseCoordination() {
        assertTrue(AccessRules.stepNeedsConsent(CELC, KAIROS, KAIROS, CRASAC));
        assertEquals(StepVisibility.MASKED, AccessRules.step(CELC, KAIROS, KAIROS, CRASAC, false));
        assertEquals(StepVisibility.CONSENTED, AccessRules.step(CELC, KAIROS, KAIROS, CRASAC, true));
        assertEquals(Purpose.CASE_COORDINATION, AccessRules.PATHWAY_PURPOSE);
        assertEquals(DataCategory.NEEDS, AccessRules.PATHWAY_CATEGORY);
    }

    enum Rel { START, ONWARD, CHILD }

    @Test
    void maskedStepsAreLeftOutAndTheTreeIsRelinkedOverThem() {
        UUID r1 = UUID.randomUUID(); // Kairos -> CRASAC
        UUID r2 = UUID.randomUUID(); // CRASAC -> CELC, follows r1
        UUID r3 = UUID.randomUUID(); // CELC -> FWT, follows r2
        UUID r4 = UUID.randomUUID(); // child of r3
        List<TreeStep<Rel>> tree = List.of(new TreeStep<>(r1, null, Rel.START), new TreeStep<>(r2, r1, Rel.ONWARD),
                new TreeStep<>(r3, r2, Rel.ONWARD), new TreeStep<>(r4, r3, Rel.CHILD));

        // Everything shown: unchanged.
        assertEquals(tree, AccessRules.prune(tree, id -> true, Rel.ONWARD, Rel.START));

        // CELC without consent: r1 masked; r2 (its own) now starts what it sees; no id of r1 anywhere.
        List<TreeStep<Rel>> celc = AccessRules.prune(tree, id -> !id.equals(r1), Rel.ONWARD, Rel.START);
        assertEquals(List.of(new TreeStep<>(r2, null, Rel.START), new TreeStep<>(r3, r2, Rel.ONWARD), new TreeStep<>(r4, r3, Rel.CHILD)), celc);
        assertTrue(celc.stream().noneMatch(s -> r1.equals(s.id()) || r1.equals(s.follows())));

        // A masked step in the middle: the next shown step follows the nearest shown ancestor.
        List<TreeStep<Rel>> middle = AccessRules.prune(tree, id -> !id.equals(r2) && !id.equals(r3), Rel.ONWARD, Rel.START);
        assertEquals(List.of(new TreeStep<>(r1, null, Rel.START), new TreeStep<>(r4, r1, Rel.ONWARD)), middle);

        // Nothing shown: nothing.
        assertTrue(AccessRules.prune(tree, id -> false, Rel.ONWARD, Rel.START).isEmpty());
        // A cycle in bad data does not hang.
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<TreeStep<Rel>> cycle = List.of(new TreeStep<>(a, b, Rel.ONWARD), new TreeStep<>(b, a, Rel.ONWARD), new TreeStep<>(r1, a, Rel.ONWARD));
        List<TreeStep<Rel>> pruned = AccessRules.prune(cycle, r1::equals, Rel.ONWARD, Rel.START);
        assertEquals(1, pruned.size());
        assertNull(pruned.get(0).follows());
    }

    @Test
    void aProposalIsShownExactlyWhenItsStepIs() {
        UUID r1 = UUID.randomUUID();
        assertTrue(AccessRules.proposalShown(r1, Set.of(r1)));
        assertFalse(AccessRules.proposalShown(r1, Set.of(UUID.randomUUID())));
    }

    /** Issue 14: a hidden onward step must not take a need off a proposal the viewer sees (it told the viewer it was taken up). */
    @Test
    void aHiddenStepDoesNotTakeANeedOffAProposal() {
        java.time.Instant completed = java.time.Instant.parse("2026-12-01T10:00:00Z");
        UUID hidden = UUID.randomUUID();
        UUID shown = UUID.randomUUID();
        List<AccessRules.LaterStep> later = List.of(
                new AccessRules.LaterStep(hidden, completed.plusSeconds(60), List.of("employment-skills")),
                new AccessRules.LaterStep(shown, completed.plusSeconds(120), List.of("legal-immigration")),
                new AccessRules.LaterStep(UUID.randomUUID(), completed.minusSeconds(60), List.of("housing-homelessness")));
        List<String> proposed = List.of("employment-skills", "housing-homelessness", "legal-immigration");
        // The viewer sees only `shown`: the hidden step leaves employment-skills open; an earlier step takes nothing.
        assertEquals(List.of("employment-skills", "housing-homelessness"),
                AccessRules.openProposedNeeds(proposed, completed, later, shown::equals));
        // A viewer who sees every step (her registering organisation): both later steps take their needs.
        assertEquals(List.of("housing-homelessness"), AccessRules.openProposedNeeds(proposed, completed, later, id -> true));
    }
}
