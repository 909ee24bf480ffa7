package org.pathways.referral.domain;

/** What was done to a subject's data, as recorded in the access audit. Codes only; never rename, add new ones. */
public enum AuditAction {
    SUBJECT_REGISTERED,
    LEAD_WORKER_CHANGED,
    RESTRICTION_CHANGED,
    SECTION_WRITTEN,
    SECTION_READ,
    SECTION_VERSION_READ,
    SUMMARY_READ,
    /** A referral was sent: the sections it shares, on the basis consent-service gave. */
    REFERRAL_SENT,
    /** A lifecycle move of a referral (no section content involved). */
    REFERRAL_MOVED,
    /** A referral was read with its free texts (note for the receiver, safe-contact instructions). */
    REFERRAL_READ,
    /** A receiving organisation read her summary through a referral (GRANTED sections, or DENIED ones). */
    REFERRAL_SUMMARY_READ,
    /** A signpost outside the partnership was recorded (nothing shared). */
    SIGNPOST_RECORDED,
    /** A need no service could meet was recorded. */
    NO_SERVICE_FOUND_RECORDED,
    ERASURE_REQUESTED,
    ERASURE_REJECTED,
    SUBJECT_ERASED,
    SUBJECT_ACCESS_EXPORTED,
    /** A referrer escalated a referral herself or asked for a decline to be reviewed (codes only, ADR 0055). */
    REFERRAL_CHALLENGED,
    /** The receiving organisation answered an escalation or a decline review (ADR 0055). */
    REFERRAL_CHALLENGE_ANSWERED,
    /** The receiving organisation recorded that it supports her while she waits on its list, or stopped (ADR 0054). */
    INFORMAL_SUPPORT_RECORDED,
    /** Another organisation's steps of her pathway were shown on her consent (GRANTED) or masked (DENIED). */
    PATHWAY_READ,
    /** A worker joined the team around her (basis OWNER, or CONSENT/OVERRIDE for a partner organisation's; ADR 0069). */
    TEAM_MEMBER_ADDED,
    /** A worker left the team around her (ADR 0069). */
    TEAM_MEMBER_REMOVED,
    /** She was discussed at a multi-agency meeting, recorded with decisions and actions (ADR 0069). */
    MEETING_RECORDED,
    /** A multi-agency meeting record about her was read, its action texts decrypted (ADR 0069). */
    MEETING_READ,
    /** A wellbeing measure or her equality monitoring was recorded, with her agreement (issue 17, ADR 0074). */
    MONITORING_RECORDED,
    /** Her wellbeing measures or equality monitoring were read (ADR 0074). */
    MONITORING_READ,
    /** She came back: a repeat contact recorded on her record by her own organisation (ADR 0072). */
    REPEAT_CONTACT_RECORDED,
    /** A record registered again was linked to her earlier record of the same organisation (ADR 0072). */
    REPEAT_CONTACT_LINKED
}
