package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Journey.redact on its own (no stack): what a failing step may show of an HTTP body, and what it must not. */
class JourneyRedactTest {

    @Test
    void idsCodesNumbersAndTimesStayFreeTextGoes() {
        String body = "{\"id\":\"0b7f2c1e-9a4d-4c55-8e0a-3f1d2b6c7a90\",\"state\":\"IN_PROGRESS\",\"needs\":[\"legal-immigration\"],"
                + "\"version\":3,\"personKnows\":true,\"sentAt\":\"2026-11-23T01:02:03.456Z\",\"reviewDate\":\"2026-12-01\","
                + "\"reference\":\"R-0B7F2C1E\",\"count\":\"<5\",\"seq\":\"42\","
                + "\"note\":\"She is staying with her sister at 12 Elm Road\",\"name\":\"Amina Canary\"}";
        String out = Journey.redact(body);

        for (String kept : new String[] { "\"0b7f2c1e-9a4d-4c55-8e0a-3f1d2b6c7a90\"", "\"IN_PROGRESS\"", "\"legal-immigration\"",
                "\"version\":3", "\"personKnows\":true", "\"2026-11-23T01:02:03.456Z\"", "\"2026-12-01\"", "\"R-0B7F2C1E\"",
                "\"<5\"", "\"42\"" }) {
            assertTrue(out.contains(kept), kept + " stays in " + out);
        }
        // Keys stay (the structure is readable); the values of free text are replaced by their length only.
        assertTrue(out.contains("\"note\":\"<redacted 45 chars>\""), out);
        assertTrue(out.contains("\"name\":\"<redacted 12 chars>\""), out);
        assertFalse(out.contains("Elm Road"), out);
        assertFalse(out.contains("Canary"), out);
    }

    @Test
    void escapedQuotesAndNestedTextAreRedactedWhole() {
        String out = Journey.redact("{\"sections\":[{\"content\":{\"text\":\"she said \\\"never again\\\" twice\"}}]}");
        assertEquals("{\"sections\":[{\"content\":{\"text\":\"<redacted 30 chars>\"}}]}", out);
    }

    @Test
    void emptyAndLongBodies() {
        assertEquals("", Journey.redact(null));
        assertEquals("", Journey.redact(""));
        String longText = "{\"text\":\"" + "x y ".repeat(2000) + "\"}";
        String out = Journey.redact(longText);
        assertFalse(out.contains("x y"), "cut at 4,000 characters, and the rest still redacted");
        assertTrue(out.length() < 200, out);
    }
}
