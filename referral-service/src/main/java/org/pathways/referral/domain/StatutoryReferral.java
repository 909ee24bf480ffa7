package org.pathways.referral.domain;

import java.util.UUID;

/**
 * What makes a referral a statutory one (ADR 0091): its kind and, for MARAC, the DASH risk level, the criterion and her
 * safe contact times (encrypted under her key). An ordinary partnership referral has none.
 */
public record StatutoryReferral(UUID referralId, Kind kind, DashLevel dashLevel, MaracCriterion criterion, byte[] safeContactTimes) {

    /** The referral kinds outside the partnership agreement, each to a statutory partner of one role only. */
    public enum Kind {
        MARAC("MARAC_COORDINATOR"), POLICE("POLICE_DA_UNIT"), SARC("SARC");

        private final String statutoryRole;

        Kind(String statutoryRole) {
            this.statutoryRole = statutoryRole;
        }

        /** The directory's statutory role of the only partners this kind may go to. */
        public String statutoryRole() {
            return statutoryRole;
        }
    }

    /** The DASH risk checklist's level (SafeLives). */
    public enum DashLevel {
        STANDARD, MEDIUM, HIGH
    }

    /**
     * Why the case goes to MARAC (SafeLives referral criteria): visible high risk (a HIGH DASH level), professional
     * judgement, or potential escalation (repeat incidents) — the last two also below HIGH.
     */
    public enum MaracCriterion {
        VISIBLE_HIGH_RISK, PROFESSIONAL_JUDGEMENT, POTENTIAL_ESCALATION
    }

    /** The associated-data name of the safe contact times' encryption (as the referral's other texts). */
    public static final String SAFE_CONTACT_TIMES = "safe-contact-times";
}
