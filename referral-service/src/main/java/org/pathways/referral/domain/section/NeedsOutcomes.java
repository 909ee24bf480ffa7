package org.pathways.referral.domain.section;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pathways.contracts.vocab.CoventryNeedScale;
import org.pathways.contracts.vocab.NeedOutcome;

/**
 * A completed referral's outcomes carried into her NEEDS section (issue 17, item 6; ADR 0066). Plain functions,
 * unit-tested in NeedsOutcomesTest: each need with an outcome gets the outcome's status and its place on the Coventry
 * scale; a need the section does not list yet is added; every other need is left as it was.
 */
public final class NeedsOutcomes {

    private NeedsOutcomes() {
    }

    public static Needs.NeedStatus status(NeedOutcome outcome) {
        return switch (outcome) {
            case NEED_MET -> Needs.NeedStatus.MET;
            case PARTLY_MET -> Needs.NeedStatus.PARTLY_MET;
            case NOT_MET -> Needs.NeedStatus.NOT_MET;
        };
    }

    /**
     * Met is met; partly met or not met means she still wants help and, having been through a partner service, knows
     * where to ask (her onward needs and the pathway say where next).
     */
    public static CoventryNeedScale scale(NeedOutcome outcome) {
        return outcome == NeedOutcome.NEED_MET ? CoventryNeedScale.MET : CoventryNeedScale.WANTS_HELP_KNOWS_WHERE;
    }

    /** The next version's content; {@code current} null when she has no NEEDS section yet. */
    public static Needs apply(Needs current, Map<String, NeedOutcome> outcomes) {
        Map<String, NeedOutcome> left = new LinkedHashMap<>(outcomes);
        List<Needs.Need> out = new ArrayList<>();
        if (current != null && current.needs() != null) {
            for (Needs.Need n : current.needs()) {
                NeedOutcome o = left.remove(n.code());
                out.add(o == null ? n : new Needs.Need(n.code(), n.inHerWords(), status(o), scale(o)));
            }
        }
        left.forEach((code, o) -> out.add(new Needs.Need(code, null, status(o), scale(o))));
        return new Needs(out);
    }
}
