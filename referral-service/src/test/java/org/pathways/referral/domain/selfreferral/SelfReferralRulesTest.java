package org.pathways.referral.domain.selfreferral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.pathways.platform.rest.Problem;
import org.pathways.referral.domain.selfreferral.SelfReferralRules.Decision;
import org.pathways.referral.domain.selfreferral.SelfReferralRules.Request;

class SelfReferralRulesTest {

    static final String SERVICE = "0b8e3f4c-1111-4222-8333-444455556666";

    static Request valid() {
        return new Request(SERVICE, null, List.of("domestic-abuse", "housing-homelessness"), "I need somewhere safe.", "Sam",
                List.of("PHONE_CALL", "SMS"), "07700 900123", null, "weekdays 10-12", false);
    }

    static Set<String> fields(List<Problem.FieldError> errors) {
        Set<String> out = new HashSet<>();
        errors.forEach(e -> out.add(e.field()));
        return out;
    }

    @Test
    void aCompleteRequestHasNoErrors() {
        assertEquals(List.of(), SelfReferralRules.check(valid()));
        assertEquals(List.of(), SelfReferralRules.check(new Request(SERVICE, SERVICE, List.of("counselling"), "help", null,
                List.of("EMAIL"), null, "me@example.org", null, true)));
    }

    @Test
    void everyMissingAnswerIsNamed() {
        assertEquals(Set.of("serviceId", "needs", "inHerWords", "contactMethods", "messageMayBeLeft"),
                fields(SelfReferralRules.check(new Request(null, null, null, null, null, null, null, null, null, null))));
        assertEquals(Set.of("body"), fields(SelfReferralRules.check(null)));
    }

    @Test
    void needsAreOneToTenKnownCodesWithoutRepeats() {
        Request none = new Request(SERVICE, null, List.of(), "w", null, List.of("EMAIL"), null, "a@b.org", null, true);
        assertEquals(Set.of("needs"), fields(SelfReferralRules.check(none)));
        Request eleven = new Request(SERVICE, null, Collections.nCopies(11, "counselling"), "w", null, List.of("EMAIL"), null,
                "a@b.org", null, true);
        assertTrue(fields(SelfReferralRules.check(eleven)).contains("needs"));
        Request unknown = new Request(SERVICE, null, List.of("not-a-need"), "w", null, List.of("EMAIL"), null, "a@b.org", null, true);
        assertEquals(Set.of("needs"), fields(SelfReferralRules.check(unknown)));
        Request twice = new Request(SERVICE, null, List.of("fgm", "fgm"), "w", null, List.of("EMAIL"), null, "a@b.org", null, true);
        assertEquals(Set.of("needs"), fields(SelfReferralRules.check(twice)));
    }

    @Test
    void lengthsAndShapesAreChecked() {
        Request r = new Request("not-a-uuid", "nope", List.of("fgm"), "x".repeat(2001), "a".repeat(61), List.of("PHONE_CALL", "POST"),
                "call me", "no-at-sign", "t".repeat(201), true);
        assertEquals(Set.of("serviceId", "partnershipId", "inHerWords", "alias", "contactMethods", "phone", "email", "safeTimes"),
                fields(SelfReferralRules.check(r)));
        assertEquals(List.of(), SelfReferralRules.check(new Request(SERVICE, null, List.of("fgm"), "x".repeat(2000), null,
                List.of("SMS"), "+44 (0)7700 900123", null, null, false)));
    }

    @Test
    void aPhoneIsNeededToCallOrTextAndAnAddressToEmail() {
        Request call = new Request(SERVICE, null, List.of("fgm"), "w", null, List.of("PHONE_CALL"), null, null, null, true);
        assertEquals(Set.of("phone"), fields(SelfReferralRules.check(call)));
        Request mail = new Request(SERVICE, null, List.of("fgm"), "w", null, List.of("EMAIL"), "07700 900123", null, null, true);
        assertEquals(Set.of("email"), fields(SelfReferralRules.check(mail)));
    }

    @Test
    void errorMessagesNeverEchoWhatSheWrote() {
        Request r = new Request(SERVICE, null, List.of("SECRET-NEED"), "x".repeat(2001), null, List.of("EMAIL"), null,
                "SECRET-MAIL", null, true);
        SelfReferralRules.check(r).forEach(e -> assertFalse(e.message().contains("SECRET"), e.message()));
    }

    @Test
    void theInstructionsSayHowToContactHerAndWhetherToLeaveAMessage() {
        String text = SelfReferralRules.contactInstructions(valid());
        assertTrue(text.contains("Ask for: Sam."), text);
        assertTrue(text.contains("Phone: 07700 900123."), text);
        assertTrue(text.contains("Safe times: weekdays 10-12."), text);
        assertTrue(text.endsWith("Do not leave a message."), text);
    }

    @Test
    void referencesAreShortRandomAndReadable() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String ref = SelfReferralRules.newReference();
            assertTrue(SelfReferralRules.isReference(ref), ref);
            assertEquals(12, ref.length());
            assertFalse(ref.substring(3).matches(".*[01ILOU].*"), ref);
            seen.add(ref);
        }
        assertTrue(seen.size() > 995, "references repeat too often");
    }

    @Test
    void aFixedWindowAllowsTheLimitThenSaysHowLongToWait() {
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        Duration hour = Duration.ofHours(1);
        Decision first = SelfReferralRules.take(null, 0, start, hour, 5);
        assertTrue(first.allowed());
        assertEquals(1, first.taken());
        Decision d = first;
        for (int i = 2; i <= 5; i++) {
            d = SelfReferralRules.take(d.windowStart(), d.taken(), start.plusSeconds(i), hour, 5);
            assertTrue(d.allowed());
        }
        Decision refused = SelfReferralRules.take(d.windowStart(), d.taken(), start.plusSeconds(600), hour, 5);
        assertFalse(refused.allowed());
        assertEquals(3000, refused.retryAfterSeconds());
        Decision next = SelfReferralRules.take(d.windowStart(), d.taken(), start.plus(hour), hour, 5);
        assertTrue(next.allowed());
        assertEquals(start.plus(hour), next.windowStart());
        assertEquals(1, next.taken());
        assertEquals(1, SelfReferralRules.take(start, 5, start.plus(hour).minusMillis(1), hour, 5).retryAfterSeconds());
    }
}
