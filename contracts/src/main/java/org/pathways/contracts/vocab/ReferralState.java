package org.pathways.contracts.vocab;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Referral states, one-to-one with the HL7 Gravity SDOH referral Task statuses (docs/domain.md, referral lifecycle table).
 *
 * <p>This is vocabulary: the "from" column of the lifecycle table as data ({@link #allowedSources()},
 * {@link #allowedTargets()}). Who may make a move, and what it requires (reasons, review dates, outcomes), is enforced
 * by referral-service's state machine, not here.
 *
 * <p>Terminal states end the work on a referral (and the receiving organisation's access). The table lets
 * {@link #ENTERED_IN_ERROR} be reached from "any" state, so a terminal state other than ENTERED_IN_ERROR itself still
 * has exactly one target: ENTERED_IN_ERROR (correcting a mistake, never resuming work).
 *
 * <p>{@link #fhirStatus()} is not injective: WITHDRAWN and EXPIRED both map to FHIR {@code cancelled}.
 */
public enum ReferralState {

    DRAFT("draft", false),
    SENT("requested", false),
    ACCEPTED("accepted", false),
    DECLINED("rejected", true),
    WITHDRAWN("cancelled", true),
    ON_HOLD("on-hold", false),
    IN_PROGRESS("in-progress", false),
    COMPLETED("completed", true),
    NOT_COMPLETED("failed", true),
    EXPIRED("cancelled", true),
    ENTERED_IN_ERROR("entered-in-error", true);

    private static final Map<ReferralState, Set<ReferralState>> SOURCES = new EnumMap<>(ReferralState.class);
    private static final Map<ReferralState, Set<ReferralState>> TARGETS = new EnumMap<>(ReferralState.class);

    static {
        // The "from" column of docs/domain.md's lifecycle table.
        sources(DRAFT /* (new) */);
        sources(SENT, DRAFT);
        sources(ACCEPTED, SENT);
        sources(DECLINED, SENT);
        sources(WITHDRAWN, SENT, ACCEPTED, ON_HOLD, IN_PROGRESS);
        sources(ON_HOLD, SENT, ACCEPTED, IN_PROGRESS); // from SENT: accepted onto the waiting list in one move (ADR 0054)
        sources(IN_PROGRESS, ACCEPTED, ON_HOLD);
        sources(COMPLETED, ACCEPTED, IN_PROGRESS, ON_HOLD);
        sources(NOT_COMPLETED, ACCEPTED, IN_PROGRESS, ON_HOLD);
        sources(EXPIRED, SENT);
        // "any": every other state.
        sources(ENTERED_IN_ERROR, EnumSet.complementOf(EnumSet.of(ENTERED_IN_ERROR)).toArray(ReferralState[]::new));

        Map<ReferralState, EnumSet<ReferralState>> targets = new EnumMap<>(ReferralState.class);
        for (ReferralState s : values()) {
            targets.put(s, EnumSet.noneOf(ReferralState.class));
        }
        SOURCES.forEach((target, froms) -> froms.forEach(from -> targets.get(from).add(target)));
        targets.forEach((s, set) -> TARGETS.put(s, Collections.unmodifiableSet(set)));
    }

    private static void sources(ReferralState target, ReferralState... froms) {
        EnumSet<ReferralState> set = EnumSet.noneOf(ReferralState.class);
        set.addAll(Arrays.asList(froms));
        SOURCES.put(target, Collections.unmodifiableSet(set));
    }

    private final String fhirStatus;
    private final boolean terminal;

    ReferralState(String fhirStatus, boolean terminal) {
        this.fhirStatus = fhirStatus;
        this.terminal = terminal;
    }

    /** Stable code (the constant name), e.g. {@code IN_PROGRESS}. */
    public String code() {
        return name();
    }

    /** The FHIR Task status string, e.g. {@code requested} for SENT. */
    public String fhirStatus() {
        return fhirStatus;
    }

    /** DECLINED, WITHDRAWN, COMPLETED, NOT_COMPLETED, EXPIRED and ENTERED_IN_ERROR. */
    public boolean isTerminal() {
        return terminal;
    }

    /** States a referral in this state may move to (any actor). Unmodifiable; empty for ENTERED_IN_ERROR. */
    public Set<ReferralState> allowedTargets() {
        return TARGETS.get(this);
    }

    /** States from which a referral may move to this one (the table's "from" column). Empty for DRAFT (new). */
    public Set<ReferralState> allowedSources() {
        return SOURCES.get(this);
    }

    public boolean canMoveTo(ReferralState target) {
        return target != null && TARGETS.get(this).contains(target);
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static ReferralState fromCode(String code) {
        return Codes.fromCode(ReferralState.class, code, ReferralState::code);
    }
}
