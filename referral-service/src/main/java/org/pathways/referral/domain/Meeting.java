package org.pathways.referral.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A multi-agency meeting record (issue 16 item 3, ADR 0069): when and what kind, which organisations attended, which
 * people were discussed with the decisions (codes) and actions (owner, due date, a text under her key) about each.
 */
public record Meeting(UUID id, UUID organisationId, Kind kind, LocalDate heldOn, List<UUID> attendeeOrganisationIds, String recordedBy,
        Instant recordedAt, List<Case> cases) {

    public enum Kind { MDT, MARAC, TEAM_AROUND_THE_PERSON }

    /** What a meeting decided about her: codes only (the free text is in the actions, encrypted). */
    public enum Decision {
        CONTINUE_SUPPORT, REFER_ONWARD, SAFETY_PLAN_REVIEWED, RISK_ESCALATED, RISK_REDUCED, INFORMATION_SHARED, JOINT_VISIT,
        LEAD_AGENCY_CHANGED, CASE_CLOSED, NO_FURTHER_ACTION, REVIEW_AT_NEXT_MEETING
    }

    public record Case(UUID subjectId, List<Decision> decisions, List<Action> actions) {
    }

    /** One action about her; {@code ciphertext} is her text under her key ({@code text} once decrypted for a reader). */
    public record Action(UUID id, int position, UUID ownerOrganisationId, String ownerUserId, LocalDate dueOn, byte[] ciphertext,
            String text) {
    }
}
