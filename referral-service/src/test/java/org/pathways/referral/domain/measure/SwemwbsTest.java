package org.pathways.referral.domain.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pathways.platform.rest.Problem;

/** SWEMWBS scoring (ADR 0074): seven items 1-5, the raw total, and the published raw-to-metric conversion table. */
class SwemwbsTest {

    @Test
    void theRawTotalIsConvertedWithThePublishedTable() {
        assertEquals(new BigDecimal("7.00"), Swemwbs.metric(7));
        assertEquals(new BigDecimal("9.51"), Swemwbs.metric(8));
        assertEquals(new BigDecimal("19.25"), Swemwbs.metric(21));
        assertEquals(new BigDecimal("25.03"), Swemwbs.metric(28));
        assertEquals(new BigDecimal("32.55"), Swemwbs.metric(34));
        assertEquals(new BigDecimal("35.00"), Swemwbs.metric(35));
        assertEquals(21, Swemwbs.rawTotal(List.of(3, 3, 2, 3, 4, 3, 3)));
        assertThrows(IllegalArgumentException.class, () -> Swemwbs.metric(6));
        assertThrows(IllegalArgumentException.class, () -> Swemwbs.metric(36));
    }

    @Test
    void theMetricRisesWithEveryRawPoint() {
        for (int raw = 8; raw <= 35; raw++) {
            assertTrue(Swemwbs.metric(raw).compareTo(Swemwbs.metric(raw - 1)) > 0, "at " + raw);
        }
    }

    @Test
    void itemsAreSevenScoresFromOneToFive() {
        assertTrue(Swemwbs.check(List.of(1, 2, 3, 4, 5, 5, 5)).isEmpty());
        assertEquals(List.of("items"), fields(Swemwbs.check(List.of(3, 3, 3))));
        assertEquals(List.of("items"), fields(Swemwbs.check(null)));
        assertEquals(List.of("items[2]", "items[6]"), fields(Swemwbs.check(Arrays.asList(3, 3, 6, 3, 3, 3, null))));
        assertEquals(List.of("items[0]"), fields(Swemwbs.check(List.of(0, 3, 3, 3, 3, 3, 3))));
    }

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }
}
