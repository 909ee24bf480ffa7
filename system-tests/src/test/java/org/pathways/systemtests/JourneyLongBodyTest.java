package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Pure: redaction of long bodies (a page of inbox entries, a report) neither overflows the stack nor leaks text. */
class JourneyLongBodyTest {

    @Test
    void aLongBodyIsRedactedWithoutOverflowingTheStack() {
        String text = "free text ".repeat(390);
        String body = "{\"kind\":\"REFERRAL_SENT\",\"text\":\"" + text + "\",\"quote\":\"a \\\"quoted\\\" word\"}";
        assertEquals("{\"kind\":\"REFERRAL_SENT\",\"text\":\"<redacted " + text.length() + " chars>\",\"quote\":\"<redacted 17 chars>\"}",
                Journey.redact(body));
    }
}
