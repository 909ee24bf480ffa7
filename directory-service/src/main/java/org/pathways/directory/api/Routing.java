package org.pathways.directory.api;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What referral-service needs to route a referral to one service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Routing(
        UUID serviceId,
        UUID organisationId,
        String status,
        boolean acceptsReferrals,
        boolean acceptsPartnerReferrals,
        boolean acceptsProfessionalReferrals,
        boolean acceptsSelfReferrals,
        boolean connector,
        String capacityStatus,
        SpocView spoc,
        ResponseTarget responseTarget,
        /** Takes only complex cases: the fewest needs a referral to it must carry; absent when it has no minimum. */
        Integer minimumNeeds,
        /** Weeks of support once it starts; absent: no limit (issue 17, item 1, ADR 0073). */
        Integer supportWeeks,
        /** Weeks of support where she is DDVC-eligible; absent: supportWeeks applies. */
        Integer supportWeeksIfDdvcEligible,
        /** VOLUNTARY or STATUTORY (ADR 0091): a statutory partner receives referrals outside any partnership agreement. */
        String organisationKind,
        /** A statutory partner's role (POLICE_DA_UNIT, MARAC_COORDINATOR, SARC); absent otherwise. */
        String statutoryRole) {

    /** {@code source}: SERVICE, or ORGANISATION when the service has none and the organisation's fallback applies. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpocView(String source, UUID userId, String username, String mailbox) {

        public static SpocView of(String source, org.pathways.directory.domain.Spoc spoc) {
            return new SpocView(source, spoc.userId, spoc.username, spoc.mailbox);
        }
    }

    /** Working days to answer; the reminder comes {@code remindBeforeWorkingDays} before; bank holidays of {@code nation}. */
    public record ResponseTarget(int workingDays, int remindBeforeWorkingDays, int expireAfterWorkingDays, String nation,
            String bankHolidayDivision) {
    }
}
