package org.pathways.dashboard.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.pathways.contracts.vocab.NeedCode;
import org.pathways.contracts.vocab.NeedOutcome;
import org.pathways.contracts.vocab.ReasonCode;
import org.pathways.contracts.vocab.ReferralState;

import io.quarkus.qute.TemplateData;

/**
 * The moves a page offers: the lifecycle's targets from the current state (the contracts' vocabulary) that the user's
 * side may make (docs/domain.md's "who may move it there"), with what each needs. The service still decides: a move it
 * refuses is shown as its answer. COMPLETED carries an outcome per need (and onward needs); ENTERED_IN_ERROR (a
 * referrer's correction) is not offered.
 * Pure: unit-tested in {@code MovesTest}.
 */
public final class Moves {

    public enum Side { RECEIVER, REFERRER }

    @TemplateData
    public record Move(String target, String label, boolean needsReason, boolean needsReviewDate, boolean needsOutcomes,
            boolean warning) {
    }

    private static final Set<ReferralState> RECEIVER = Set.of(ReferralState.ACCEPTED, ReferralState.DECLINED,
            ReferralState.WITHDRAWN, ReferralState.ON_HOLD, ReferralState.IN_PROGRESS, ReferralState.COMPLETED, ReferralState.NOT_COMPLETED);
    private static final Set<ReferralState> REFERRER = Set.of(ReferralState.WITHDRAWN);

    private Moves() {
    }

    public static List<Move> offered(String state, Side side) {
        ReferralState from;
        try {
            from = ReferralState.valueOf(state);
        } catch (IllegalArgumentException | NullPointerException e) {
            return List.of();
        }
        Set<ReferralState> mine = side == Side.RECEIVER ? RECEIVER : REFERRER;
        List<Move> out = new ArrayList<>();
        for (ReferralState target : ReferralState.values()) {
            if (!from.canMoveTo(target) || !mine.contains(target)) continue;
            out.add(switch (target) {
                case ACCEPTED -> new Move("ACCEPTED", "Accept", false, false, false, false);
                case IN_PROGRESS -> new Move("IN_PROGRESS", from == ReferralState.ON_HOLD ? "Resume work" : "Start work", false, false, false, false);
                case ON_HOLD -> new Move("ON_HOLD", "Put on hold", false, true, false, false);
                case COMPLETED -> new Move("COMPLETED", "Complete", false, false, true, false);
                case DECLINED -> new Move("DECLINED", "Decline", true, false, false, true);
                case WITHDRAWN -> new Move("WITHDRAWN", "Withdraw", true, false, false, true);
                case NOT_COMPLETED -> new Move("NOT_COMPLETED", "Close as not completed", true, false, false, true);
                default -> throw new IllegalStateException(target.name());
            });
        }
        return out;
    }

    /** Reason codes as the service knows them, with labels. */
    public static List<Reason> reasons() {
        return java.util.Arrays.stream(ReasonCode.values()).map(r -> new Reason(r.code(), Labels.code(r.code()))).toList();
    }

    @TemplateData
    public record Reason(String code, String label) {
    }

    /** The outcomes a completion records per need (the contracts' NeedOutcome), with labels. */
    public static List<Reason> outcomes() {
        return java.util.Arrays.stream(NeedOutcome.values()).map(o -> new Reason(o.code(), Labels.outcome(o.code()))).toList();
    }

    /** Every need of the taxonomy (onward needs at a completion), with the taxonomy's own labels. */
    public static List<Reason> needs() {
        return java.util.Arrays.stream(NeedCode.values()).map(n -> new Reason(n.code(), n.label())).toList();
    }
}
