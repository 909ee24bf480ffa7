package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.referral.support-period} events ({@link EventTypes#REFERRAL_SUPPORT_PERIOD}), field for field as in its schema
 * {@code schemas/pathways.referral.support-period.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param referralId (required)
 * @param pathwayId (required)
 * @param subjectId (required)
 * @param fromOrganisationId (required)
 * @param toOrganisationId (required)
 * @param toServiceId (required)
 * @param actorUserId The user who made the change (absent for the reminder). (optional: null is left out)
 * @param periodId (required)
 * @param extensionId The extension asked for or decided. (optional: null is left out)
 * @param change (required) one of STARTED, EXTENSION_REQUESTED, EXTENSION_APPROVED, EXTENSION_REFUSED, ENDING_SOON, ENDED
 * @param reasonCode org.pathways.contracts.vocab.SupportExtensionReason for an extension, SupportEndReason for the end. (optional: null is left out) one of AWAITING_BENEFITS, AWAITING_DDVC_DECISION, AWAITING_HOUSING, AWAITING_IMMIGRATION_DECISION, DISENGAGED, GOALS_MET, HEALTH, LEFT_AREA, LEGAL_PROCEEDINGS, LIMIT_REACHED, MOVED_ON, ONGOING_RISK, OTHER, RECOURSE_TO_PUBLIC_FUNDS, TRANSFERRED
 * @param state (required) code: defs.json referralState
 * @param version The referral's version (unchanged by the support period). (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferralSupportPeriod(
        UUID referralId,
        UUID pathwayId,
        UUID subjectId,
        UUID fromOrganisationId,
        UUID toOrganisationId,
        UUID toServiceId,
        UUID actorUserId,
        UUID periodId,
        UUID extensionId,
        String change,
        String reasonCode,
        String state,
        long version,
        String occurredAt)
        implements ReferralPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.REFERRAL_SUPPORT_PERIOD;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return referralId.toString();
    }
}
