package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The data of one Pathways event: one record per event type in this package, named after the type without its
 * {@code pathways.} prefix ({@code pathways.referral.sent} -> {@link ReferralSent}, {@code pathways.consent.override.approved}
 * -> {@link ConsentOverrideApproved}). Components carry the schema's property names and order; ids are {@link java.util.UUID}s,
 * codes and RFC 3339 timestamps strings (as the producer wrote them), optional members null (left out of the JSON).
 *
 * <p>{@link EventPayloads} maps types to records and reads an event's data as its record.
 */
public interface EventPayload {

    /** The CloudEvents {@code type}, one of {@code EventTypes}. */
    @JsonIgnore
    String eventType();

    /** The aggregate id: the CloudEvents {@code subject} and the Kafka record key. */
    @JsonIgnore
    String aggregateId();
}
