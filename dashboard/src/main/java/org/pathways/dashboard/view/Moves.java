package org.pathways.dashboard.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.pathways.contracts.vocab.ReasonCode;
import org.pathways.contracts.vocab.ReferralState;

import io.quarkus.qute.TemplateData;

/**
 * The moves a page offers: the lifecycle's targets from the current state (the contracts' vocabulary) that the user's
 * side may make (DOMAIN.md's "who may move it there"), with what each needs. The service still decides: a move it
 * refuses is shown as its answer. COMPLETED (an outcome per need) and ENTERED_IN_ERROR are not offered in this slice.
 * Pure: unit-tested in {@code MovesTest}.
 */
public final class Moves {

    public enum Side { RECEIVER, REFERRER }

    @TemplateData
    public record Move(String target, String label, boolean needsReason, boolean needsReviewDate, boolean warning) {
    }

    private static final Set<ReferralState> RECEIVER = Set.of(ReferralState.ACCEPTED, ReferralState.DECLINED,
            ReferralState.WITHDRAWN, ReferralState.ON_HOLD, ReferralState.IN_PROGRESS, ReferralState.NOT_COMPLETED);
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
                case ACCEPTED -> new Move("ACCEPTED", "Accept", false, false, false);
                case IN_PROGRESS -> new Move("IN_PROGRESS", "Start work", false, false, false);
                case ON_HOLD -> new Move("ON_HOLD", "Put on hold", false, true, false);
                case DECLINED -> new Move("DECLINED", "Decline", true, false, true);
                case WITHDRAWN -> new Move("WITHDRAWN", "Withdraw", true, false, true);
                case NOT_COMPLETED -> new Move("NOT_COMPLETED", "Close as not completed", true, false, true);
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
}
