package org.pathways.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CaseworkTest {

    @Test
    void poundsBecomeWholePenceAndAnythingElseIsRefused() {
        assertEquals(1250L, Casework.pence("12.50"));
        assertEquals(1250L, Casework.pence("£12.5"));
        assertEquals(1200L, Casework.pence(" 12 "));
        assertEquals(123456L, Casework.pence("1,234.56"));
        assertNull(Casework.pence("12.505"));
        assertNull(Casework.pence("-3"));
        assertNull(Casework.pence("twelve"));
        assertEquals("£12.50", Casework.pounds(1250));
        assertEquals("£0.05", Casework.pounds(5L));
    }

    @Test
    void codesInWords() {
        assertEquals("No answer yet, and she cannot wait", Casework.label("NO_ANSWER"));
        assertEquals("Overturned: the referrer may send it again", Casework.label("DECLINE_OVERTURNED"));
        assertEquals("Subsistence", Casework.label("SUBSISTENCE"));
        assertEquals("Something new", Casework.label("SOMETHING_NEW"));
    }
}
