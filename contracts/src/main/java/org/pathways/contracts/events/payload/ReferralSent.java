package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.referral.sent} events ({@link EventTypes#REFERRAL_SENT}), field for field as in its schema
 * {@code schemas/pathways.referral.sent.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param referralId (required)
 * @param pathwayId (required)
 * @param subjectId (required)
 * @param fromOrganisationId (required)
 * @param toOrganisationId (required)
 * @param toServiceId (required)
 * @param actorUserId The user who made the change; absent for system changes. (optional: null is left out)
 * @param state (required) always "SENT"
 * @param previousState (required) always "DRAFT"
 * @param reasonCode (optional: null is left out) code: defs.json reasonCode
 * @param replacesReferralId Set when re-routing a declined or expired referral. (optional: null is left out)
 * @param parentReferralId Set on a child referral created by the Partnership Connector. (optional: null is left out)
 * @param internal Present (true) when the referral is between two services of one organisation (ADR 0053). (optional: null is left out) always true
 * @param version (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferralSent(
        UUID referralId,
        UUID pathwayId,
        UUID subjectId,
        UUID fromOrganisationId,
        UUID toOrganisationId,
        UUID toServiceId,
        UUID actorUserId,
        String state,
        String previousState,
        String reasonCode,
        UUID replacesReferralId,
        UUID parentReferralId,
        Boolean internal,
        long version,
        String occurredAt)
        implements ReferralMove {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.REFERRAL_SENT;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return referralId.toString();
    }
}
