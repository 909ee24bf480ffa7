package org.pathways.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pathways.dashboard.view.FieldError;

/** The statutory parts of the Referral page and the send's refusals (ADR 0091), as plain functions. */
class StatutoryViewsTest {

    @Test
    void anOrdinaryReferralHasNoStatutoryPart() {
        assertNull(ReferralResource.statutory(Map.of(), true, false));
    }

    @Test
    void theReceiverSeesWhatIsReleasedAndWhatIsWithheldWithWhy() {
        Map<String, Object> st = new HashMap<>();
        st.put("kind", "MARAC");
        st.put("dashLevel", null);
        st.put("criterion", null);
        st.put("safeContactTimes", null);
        st.put("withheld", List.of("SAFE_CONTACT", "RISK"));
        Map<String, Object> v = ReferralResource.statutory(st, true, false);
        assertEquals("MARAC referral", v.get("kindLabel"));
        assertEquals(Boolean.TRUE, v.get("riskWithheld"));
        assertEquals(Boolean.TRUE, v.get("timesWithheld"));
        List<?> withheld = (List<?>) v.get("withheld");
        assertEquals(2, withheld.size());
        assertTrue(String.valueOf(((Map<?, ?>) withheld.get(1)).get("why")).contains("risk"));
        Map<String, Object> ended = ReferralResource.statutory(st, true, true);
        assertTrue(String.valueOf(((Map<?, ?>) ((List<?>) ended.get("withheld")).get(0)).get("why")).contains("ended"));

        Map<String, Object> shown = Map.of("kind", "MARAC", "dashLevel", "HIGH", "criterion", "VISIBLE_HIGH_RISK",
                "safeContactTimes", "Weekdays 10:00-12:00");
        Map<String, Object> s = ReferralResource.statutory(shown, false, false);
        assertEquals("High", s.get("dashLevel"));
        assertEquals("Visible high risk", s.get("criterion"));
        assertEquals("Weekdays 10:00-12:00", s.get("safeContactTimes"));
        assertTrue(String.valueOf(s.get("aware")).startsWith("No"));
        assertEquals(Boolean.FALSE, s.get("riskWithheld"));
        assertEquals("Police referral", ReferralResource.statutory(Map.of("kind", "POLICE"), true, false).get("kindLabel"));
    }

    @Test
    void maracRefusalsLandAtTheirInputs() {
        FieldError criterion = NewReferralResource.maracError("marac.criterion", "https://pathways.example/problems/marac-criterion", "x");
        assertEquals("criterion", criterion.field());
        assertTrue(criterion.message().startsWith("Visible high risk needs a high DASH risk level"));
        assertEquals("dashLevel", NewReferralResource.maracError("marac.dashLevel", "about:blank", "x").field());
        assertEquals("personKnows", NewReferralResource.maracError("marac.sheIsAware", "she-is-aware", "x").field());
        assertEquals("safeContactTimes", NewReferralResource.maracError("marac.safeContactTimes", "about:blank", "too long").field());
        assertEquals("", NewReferralResource.maracError("marac", "about:blank", "is required").field());
    }
}
