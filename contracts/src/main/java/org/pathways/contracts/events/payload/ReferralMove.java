package org.pathways.contracts.events.payload;

import java.util.UUID;

/** A lifecycle move of a referral (sent, accepted, ... entered-in-error): one event type per state reached. */
public interface ReferralMove extends ReferralPayload {

    /** Who made the move; null for the system. */
    UUID actorUserId();

    String previousState();

    /** {@code org.pathways.contracts.vocab.ReasonCode}, or null. */
    String reasonCode();
}
