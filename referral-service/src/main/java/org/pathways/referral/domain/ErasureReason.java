package org.pathways.referral.domain;

/** Why a person's data is erased. Codes only. */
public enum ErasureReason {
    /** She asked (UK GDPR Art. 17). */
    SUBJECT_REQUEST,
    /** Her organisation no longer needs it. */
    NO_LONGER_NEEDED,
    /** Registered by mistake. */
    ENTERED_IN_ERROR,
    /** The retention period passed (the scheduled retention job). */
    RETENTION
}
