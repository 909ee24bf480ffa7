package org.pathways.contracts.events.payload;

import java.util.UUID;

/** What every {@code pathways.referral.*} event says about its referral. */
public interface ReferralPayload extends EventPayload {

    UUID referralId();

    UUID pathwayId();

    UUID subjectId();

    UUID fromOrganisationId();

    UUID toOrganisationId();

    UUID toServiceId();

    /** {@code org.pathways.contracts.vocab.ReferralState} code: the referral's state after the event. */
    String state();

    long version();

    String occurredAt();
}
