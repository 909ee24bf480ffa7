package org.pathways.referral.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.pathways.contracts.vocab.NeedCode;
import org.pathways.contracts.vocab.NeedOutcome;
import org.pathways.contracts.vocab.ReasonCode;
import org.pathways.contracts.vocab.ReferralState;

/**
 * The referral lifecycle exactly as docs/domain.md's table: which moves exist ({@link ReferralState#allowedTargets()}), who
 * may make each one, and what each needs (a reason, a review date, an outcome per need). Pure: no I/O, no clock (the
 * caller passes today), no framework.
 */
public final class ReferralStateMachine {

    /** Who is making a move: the referring side, the receiving side, or the system (timers). */
    public enum Actor { REFERRER, RECEIVER, SYSTEM }

    /** What a move must carry beyond its target. */
    public enum Requirement { NONE, REASON, REVIEW_DATE, OUTCOMES }

    /** One row of the table: who may move a referral to {@code target}, and what the move must carry. */
    public record Rule(ReferralState target, Set<Actor> actors, Requirement requirement) {
    }

    /**
     * A requested move. {@code reason} is required for DECLINED, WITHDRAWN and NOT_COMPLETED and optional elsewhere;
     * {@code reviewDate} only for ON_HOLD; {@code outcomes} (need code -> outcome) and {@code onwardNeeds} only for
     * COMPLETED.
     */
    public record Move(ReferralState target, ReasonCode reason, LocalDate reviewDate, Map<String, NeedOutcome> outcomes,
            List<String> onwardNeeds) {

        public static Move to(ReferralState target) {
            return new Move(target, null, null, null, null);
        }

        public Move because(ReasonCode code) {
            return new Move(target, code, reviewDate, outcomes, onwardNeeds);
        }

        public Move reviewOn(LocalDate date) {
            return new Move(target, reason, date, outcomes, onwardNeeds);
        }

        public Move withOutcomes(Map<String, NeedOutcome> perNeed, List<String> onward) {
            return new Move(target, reason, reviewDate, perNeed, onward);
        }
    }

    /** An accepted move, ready to be stored in the referral's history. */
    public record Transition(ReferralState from, ReferralState to, Actor actor, ReasonCode reason, LocalDate reviewDate,
            Map<String, NeedOutcome> outcomes, List<String> onwardNeeds) {
    }

    /** A field of a move that is missing or not allowed; the message never quotes a value. */
    public record Issue(String field, String message) {
    }

    /** The move does not exist from this state, or this actor may not make it: a 409 listing {@link #allowed()}. */
    public static final class IllegalMoveException extends RuntimeException {
        private final transient ReferralState from;
        private final transient ReferralState to;
        private final transient List<ReferralState> allowed;

        IllegalMoveException(ReferralState from, ReferralState to, Actor actor, List<ReferralState> allowed) {
            super("a " + actor + " may not move a referral from " + from + " to " + to + "; allowed: " + allowed, null, false, false);
            this.from = from;
            this.to = to;
            this.allowed = allowed;
        }

        public ReferralState from() {
            return from;
        }

        public ReferralState to() {
            return to;
        }

        /** The moves this actor may make from the current state (possibly empty). */
        public List<ReferralState> allowed() {
            return allowed;
        }
    }

    /** The move exists and the actor may make it, but something it needs is missing or wrong: a 422 with the fields. */
    public static final class MoveRequirementException extends RuntimeException {
        private final transient List<Issue> issues;

        MoveRequirementException(List<Issue> issues) {
            super("the move is incomplete: " + issues.stream().map(Issue::field).toList(), null, false, false);
            this.issues = List.copyOf(issues);
        }

        public List<Issue> issues() {
            return issues;
        }
    }

    private static final Map<ReferralState, Rule> RULES = new EnumMap<>(ReferralState.class);

    static {
        // docs/domain.md, "The effective referral": the "who may move it there" column. The "from" column is ReferralState's.
        rule(ReferralState.DRAFT, Requirement.NONE, Actor.REFERRER);
        rule(ReferralState.SENT, Requirement.NONE, Actor.REFERRER);
        rule(ReferralState.ACCEPTED, Requirement.NONE, Actor.RECEIVER);
        rule(ReferralState.DECLINED, Requirement.REASON, Actor.RECEIVER);
        rule(ReferralState.WITHDRAWN, Requirement.REASON, Actor.REFERRER, Actor.RECEIVER);
        rule(ReferralState.ON_HOLD, Requirement.REVIEW_DATE, Actor.RECEIVER);
        rule(ReferralState.IN_PROGRESS, Requirement.NONE, Actor.RECEIVER);
        rule(ReferralState.COMPLETED, Requirement.OUTCOMES, Actor.RECEIVER);
        rule(ReferralState.NOT_COMPLETED, Requirement.REASON, Actor.RECEIVER);
        rule(ReferralState.EXPIRED, Requirement.NONE, Actor.SYSTEM);
        rule(ReferralState.ENTERED_IN_ERROR, Requirement.NONE, Actor.REFERRER);
        if (RULES.size() != ReferralState.values().length) throw new ExceptionInInitializerError("a state has no rule");
    }

    private static void rule(ReferralState target, Requirement requirement, Actor first, Actor... more) {
        RULES.put(target, new Rule(target, Collections.unmodifiableSet(EnumSet.of(first, more)), requirement));
    }

    private ReferralStateMachine() {
    }

    public static Rule ruleFor(ReferralState target) {
        return RULES.get(target);
    }

    /** A new referral starts as DRAFT, created by the referrer. */
    public static ReferralState create(Actor actor) {
        if (actor != Actor.REFERRER) {
            throw new IllegalMoveException(null, ReferralState.DRAFT, actor, List.of());
        }
        return ReferralState.DRAFT;
    }

    /** The states {@code actor} may move a referral in state {@code from} to, in declaration order. */
    public static List<ReferralState> allowedMoves(ReferralState from, Actor actor) {
        List<ReferralState> out = new ArrayList<>();
        for (ReferralState target : ReferralState.values()) {
            if (from.canMoveTo(target) && RULES.get(target).actors().contains(actor)) out.add(target);
        }
        return out;
    }

    /**
     * The actor of a move on an internal referral (ADR 0053): one organisation is on both sides, so the move decides
     * the side - the one its rule names (accept, decline, hold, progress, complete: RECEIVER; send, entered in error:
     * REFERRER), the referrer where both may (withdraw). A system-only move (EXPIRED) is given to the referrer, which
     * the move then refuses.
     */
    public static Actor internalActor(ReferralState target) {
        Set<Actor> actors = RULES.get(target).actors();
        if (actors.contains(Actor.REFERRER)) return Actor.REFERRER;
        if (actors.contains(Actor.RECEIVER)) return Actor.RECEIVER;
        return Actor.REFERRER;
    }

    /**
     * A move on an internal referral: as {@link #move}, with the actor {@link #internalActor chosen by the target}; an
     * illegal move lists every move either side may make from {@code from}.
     */
    public static Transition moveInternal(ReferralState from, Move move, Set<String> referralNeeds, LocalDate today) {
        if (from == null || move == null || move.target() == null) throw new IllegalArgumentException("from and target are required");
        try {
            return move(from, internalActor(move.target()), move, referralNeeds, today);
        } catch (IllegalMoveException e) {
            List<ReferralState> allowed = new ArrayList<>();
            for (ReferralState t : ReferralState.values()) {
                if (from.canMoveTo(t) && (RULES.get(t).actors().contains(Actor.REFERRER) || RULES.get(t).actors().contains(Actor.RECEIVER))) {
                    allowed.add(t);
                }
            }
            throw new IllegalMoveException(from, move.target(), internalActor(move.target()), allowed);
        }
    }

    /**
     * Checks a move and returns the transition to record.
     *
     * @param referralNeeds the need codes the referral carries (COMPLETED needs one outcome for each, and no others)
     * @param today         the date in the service's time zone (a review date must be after it)
     * @throws IllegalMoveException     the move does not exist from {@code from} or {@code actor} may not make it
     * @throws MoveRequirementException the move lacks a reason, review date or outcomes, or carries what it may not
     */
    public static Transition move(ReferralState from, Actor actor, Move move, Set<String> referralNeeds, LocalDate today) {
        if (from == null || actor == null || move == null || move.target() == null) {
            throw new IllegalArgumentException("from, actor and target are required");
        }
        ReferralState to = move.target();
        Rule rule = RULES.get(to);
        if (!from.canMoveTo(to) || !rule.actors().contains(actor)) {
            throw new IllegalMoveException(from, to, actor, allowedMoves(from, actor));
        }
        List<Issue> issues = new ArrayList<>();
        if (rule.requirement() == Requirement.REASON && move.reason() == null) {
            issues.add(new Issue("reason", "is required to move a referral to " + to));
        }
        if (rule.requirement() == Requirement.REVIEW_DATE) {
            if (move.reviewDate() == null) {
                issues.add(new Issue("reviewDate", "is required to put a referral on hold"));
            } else if (!move.reviewDate().isAfter(today)) {
                issues.add(new Issue("reviewDate", "must be in the future"));
            }
        } else if (move.reviewDate() != null) {
            issues.add(new Issue("reviewDate", "is only for ON_HOLD"));
        }
        Map<String, NeedOutcome> outcomes = null;
        List<String> onward = null;
        if (rule.requirement() == Requirement.OUTCOMES) {
            outcomes = checkOutcomes(move, referralNeeds, issues);
            onward = checkOnwardNeeds(move, issues);
        } else {
            if (move.outcomes() != null && !move.outcomes().isEmpty()) issues.add(new Issue("outcomes", "are only for COMPLETED"));
            if (move.onwardNeeds() != null && !move.onwardNeeds().isEmpty()) issues.add(new Issue("onwardNeeds", "are only for COMPLETED"));
        }
        if (!issues.isEmpty()) throw new MoveRequirementException(issues);
        return new Transition(from, to, actor, move.reason(), move.reviewDate(), outcomes, onward);
    }

    private static Map<String, NeedOutcome> checkOutcomes(Move move, Set<String> referralNeeds, List<Issue> issues) {
        Map<String, NeedOutcome> given = move.outcomes() == null ? Map.of() : move.outcomes();
        Set<String> needs = referralNeeds == null ? Set.of() : referralNeeds;
        if (needs.isEmpty()) {
            issues.add(new Issue("outcomes", "the referral has no needs to record outcomes for"));
            return Map.of();
        }
        Map<String, NeedOutcome> out = new LinkedHashMap<>();
        for (String need : needs.stream().sorted().toList()) {
            NeedOutcome o = given.get(need);
            if (o == null) {
                issues.add(new Issue("outcomes." + need, "an outcome (NEED_MET, PARTLY_MET, NOT_MET) is required for every need"));
            } else {
                out.put(need, o);
            }
        }
        for (String key : given.keySet().stream().sorted().toList()) {
            if (!needs.contains(key)) issues.add(new Issue("outcomes", "names a need the referral does not carry"));
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<String> checkOnwardNeeds(Move move, List<Issue> issues) {
        List<String> onward = move.onwardNeeds() == null ? List.of() : move.onwardNeeds();
        for (int i = 0; i < onward.size(); i++) {
            try {
                NeedCode.fromCode(onward.get(i));
            } catch (IllegalArgumentException e) {
                issues.add(new Issue("onwardNeeds[" + i + "]", "must be a need code of the partnership taxonomy"));
            }
        }
        return List.copyOf(onward);
    }
}
