package org.pathways.contracts.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventTypesAndTopicsTest {

    @Test
    void topicsAndDeadLetters() {
        assertEquals("directory.events", Topics.DIRECTORY_EVENTS);
        assertEquals("consent.events", Topics.CONSENT_EVENTS);
        assertEquals("referral.events", Topics.REFERRAL_EVENTS);
        assertEquals("referral.events.dlq", Topics.deadLetter(Topics.REFERRAL_EVENTS));
        assertEquals("consent.events.dlq", Topics.deadLetter("consent.events"));
        assertEquals(List.of("directory.events", "consent.events", "referral.events"), Topics.all());
        assertThrows(IllegalArgumentException.class, () -> Topics.deadLetter(" "));
        assertThrows(IllegalArgumentException.class, () -> Topics.deadLetter(null));
        assertThrows(IllegalArgumentException.class, () -> Topics.deadLetter("referral.events.dlq"));
    }

    @Test
    void allListsEveryConstantExactlyOnce() throws IllegalAccessException {
        List<String> constants = new ArrayList<>();
        for (Field f : EventTypes.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == String.class
                    && !f.getName().equals("PREFIX")) {
                constants.add((String) f.get(null));
            }
        }
        assertEquals(39, constants.size()); // 39 with consent.override.refused (issue 15, ADR 0090); 38 with subject.team-changed (issue 16 item 3) and referral.support-period (issue 17); 33 with directory partnership.changed (issue 18); 36 with referral.informal-support, challenge-raised, challenge-answered (issue 16)
        assertEquals(Set.copyOf(constants), EventTypes.all());
        assertEquals(constants.size(), EventTypes.all().size(), "no duplicates");
        assertThrows(UnsupportedOperationException.class, () -> EventTypes.all().add("pathways.x"));
    }

    @Test
    void typesArePrefixedLowercaseDottedNames() {
        for (String type : EventTypes.all()) {
            assertTrue(type.startsWith(EventTypes.PREFIX), type);
            assertTrue(type.matches("pathways(\\.[a-z]+(-[a-z]+)*)+"), type);
        }
    }

    @Test
    void theExpectedTypesExist() {
        assertEquals("pathways.referral.sent", EventTypes.REFERRAL_SENT);
        assertEquals("pathways.referral.on-hold", EventTypes.REFERRAL_ON_HOLD);
        assertEquals("pathways.referral.entered-in-error", EventTypes.REFERRAL_ENTERED_IN_ERROR);
        assertEquals("pathways.referral.access-ended", EventTypes.REFERRAL_ACCESS_ENDED);
        assertEquals("pathways.consent.override.approved", EventTypes.CONSENT_OVERRIDE_APPROVED);
        assertEquals("pathways.directory.spoc.changed", EventTypes.DIRECTORY_SPOC_CHANGED);
        assertEquals("pathways.subject.erased", EventTypes.SUBJECT_ERASED);
        assertEquals("pathways.subject.lead-worker-changed", EventTypes.SUBJECT_LEAD_WORKER_CHANGED);
        assertTrue(EventTypes.isKnown("pathways.consent.expiring"));
        assertFalse(EventTypes.isKnown("pathways.referral.draft"), "drafts are not published");
        assertFalse(EventTypes.isKnown(null));
    }

    @Test
    void everyTypeHasATopic() {
        for (String type : EventTypes.all()) {
            String topic = EventTypes.topicOf(type);
            assertTrue(Topics.all().contains(topic), type);
        }
        assertEquals(Topics.DIRECTORY_EVENTS, EventTypes.topicOf(EventTypes.DIRECTORY_CAPACITY_CHANGED));
        assertEquals(Topics.DIRECTORY_EVENTS, EventTypes.topicOf(EventTypes.DIRECTORY_CAPACITY_STALE));
        assertEquals(Topics.DIRECTORY_EVENTS, EventTypes.topicOf(EventTypes.DIRECTORY_LOCATION_CHANGED));
        assertEquals(Topics.CONSENT_EVENTS, EventTypes.topicOf(EventTypes.CONSENT_OVERRIDE_REQUESTED));
        assertEquals(Topics.REFERRAL_EVENTS, EventTypes.topicOf(EventTypes.REFERRAL_ESCALATED));
        assertEquals(Topics.REFERRAL_EVENTS, EventTypes.topicOf(EventTypes.SUBJECT_ERASED));
        // On the same topic and key (subject id) as subject.registered, so a handover follows her registration.
        assertEquals(Topics.REFERRAL_EVENTS, EventTypes.topicOf(EventTypes.SUBJECT_LEAD_WORKER_CHANGED));
        assertThrows(IllegalArgumentException.class, () -> EventTypes.topicOf("pathways.unknown"));
    }
}
