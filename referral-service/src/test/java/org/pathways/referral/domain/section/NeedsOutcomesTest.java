package org.pathways.referral.domain.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.vocab.CoventryNeedScale;
import org.pathways.contracts.vocab.NeedOutcome;

class NeedsOutcomesTest {

    @Test
    void outcomesSetStatusAndScaleAndKeepHerWordsAndTheOtherNeeds() {
        Needs before = new Needs(List.of(new Needs.Need("counselling", "to talk to someone", Needs.NeedStatus.IDENTIFIED, null),
                new Needs.Need("legal-immigration", null, Needs.NeedStatus.REFERRED, CoventryNeedScale.WANTS_HELP_KNOWS_WHERE),
                new Needs.Need("housing-homelessness", null, Needs.NeedStatus.IDENTIFIED, null)));
        Map<String, NeedOutcome> outcomes = new LinkedHashMap<>();
        outcomes.put("counselling", NeedOutcome.NEED_MET);
        outcomes.put("legal-immigration", NeedOutcome.PARTLY_MET);
        Needs after = NeedsOutcomes.apply(before, outcomes);
        assertEquals(new Needs.Need("counselling", "to talk to someone", Needs.NeedStatus.MET, CoventryNeedScale.MET), after.needs().get(0));
        assertEquals(new Needs.Need("legal-immigration", null, Needs.NeedStatus.PARTLY_MET, CoventryNeedScale.WANTS_HELP_KNOWS_WHERE),
                after.needs().get(1));
        assertEquals(before.needs().get(2), after.needs().get(2), "a need without an outcome is left as it was");
    }

    @Test
    void aNeedTheSectionDidNotListIsAddedAndNoSectionStartsOne() {
        Needs after = NeedsOutcomes.apply(null, Map.of("counselling", NeedOutcome.NOT_MET));
        assertEquals(1, after.needs().size());
        assertEquals(Needs.NeedStatus.NOT_MET, after.needs().get(0).status());
        assertEquals(CoventryNeedScale.WANTS_HELP_KNOWS_WHERE, after.needs().get(0).scale());
        assertNull(after.needs().get(0).inHerWords());
    }
}
