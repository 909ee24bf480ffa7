package org.pathways.consent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.consent.domain.Provision;
import org.pathways.consent.domain.Recipient;
import org.pathways.consent.domain.RecipientType;
import org.pathways.consent.service.ConsentWidening;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.consent.testing.ReferralServiceEvents;

/** The widening rule of ADR 0027 on plain objects: what counts as widening her consent, and what as narrowing. */
class ConsentWideningTest {

    static final Recipient CRASAC = new Recipient(RecipientType.ORGANISATION, UUID.fromString(ReferralServiceEvents.CRASAC));
    static final Recipient HAVEN = new Recipient(RecipientType.ORGANISATION, UUID.fromString(ReferralServiceEvents.HAVEN));
    static final OffsetDateTime FROM = OffsetDateTime.of(2026, 12, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    static final OffsetDateTime UNTIL = FROM.plusMonths(6);

    static Provision p(Recipient r, Purpose purpose, DataCategory c, OffsetDateTime from, OffsetDateTime until) {
        return new Provision(r, purpose, c, from, until);
    }

    static Provision p(Recipient r, Purpose purpose, DataCategory c) {
        return p(r, purpose, c, FROM, UNTIL);
    }

    static final List<Provision> NOW = List.of(p(CRASAC, Purpose.REFERRAL, DataCategory.NEEDS),
            p(CRASAC, Purpose.REFERRAL, DataCategory.SAFE_CONTACT));

    @Test
    void theSameProvisionsOrFewerOrAShorterPeriodDoNotWiden() {
        assertFalse(ConsentWidening.widens(NOW, NOW));
        assertFalse(ConsentWidening.widens(NOW, List.of(p(CRASAC, Purpose.REFERRAL, DataCategory.NEEDS))));
        assertFalse(ConsentWidening.widens(NOW, List.of(p(CRASAC, Purpose.REFERRAL, DataCategory.NEEDS, FROM.plusDays(1),
                UNTIL.minusDays(1)))));
    }

    @Test
    void aNewRecipientCategoryPurposeOrALongerPeriodWidens() {
        assertTrue(ConsentWidening.widens(NOW, List.of(p(HAVEN, Purpose.REFERRAL, DataCategory.NEEDS))), "recipient");
        assertTrue(ConsentWidening.widens(NOW, List.of(p(CRASAC, Purpose.REFERRAL, DataCategory.STORY))), "category");
        assertTrue(ConsentWidening.widens(NOW, List.of(p(CRASAC, Purpose.CASE_COORDINATION, DataCategory.NEEDS))), "purpose");
        assertTrue(ConsentWidening.widens(NOW, List.of(p(CRASAC, Purpose.REFERRAL, DataCategory.NEEDS, FROM,
                UNTIL.plusSeconds(1)))), "ends later");
        assertTrue(ConsentWidening.widens(NOW, List.of(p(CRASAC, Purpose.REFERRAL, DataCategory.NEEDS, FROM.minusDays(1),
                UNTIL))), "starts earlier");
        // The case: CRASAC's version keeps everything and adds Coventry Haven, STORY and IDENTITY.
        assertTrue(ConsentWidening.widens(NOW, List.of(NOW.get(0), NOW.get(1), p(HAVEN, Purpose.REFERRAL, DataCategory.STORY),
                p(HAVEN, Purpose.REFERRAL, DataCategory.IDENTITY))));
    }

    @Test
    void nothingInForceMeansAnyProvisionWidens() {
        // A first record, or a version after a whole withdrawal or expiry: sharing would start again.
        assertTrue(ConsentWidening.widens(List.of(), List.of(p(CRASAC, Purpose.REFERRAL, DataCategory.NEEDS))));
    }

    @Test
    void aWholePartnershipRecipientIsNotCoveredByAnOrganisation() {
        Recipient coventry = new Recipient(RecipientType.PARTNERSHIP, UUID.fromString(ReferralServiceEvents.COVENTRY));
        assertTrue(ConsentWidening.widens(NOW, List.of(p(coventry, Purpose.REFERRAL, DataCategory.NEEDS))));
    }
}
