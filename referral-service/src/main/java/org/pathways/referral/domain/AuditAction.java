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
    ERASURE_REQUESTED,
    ERASURE_REJECTED,
    SUBJECT_ERASED,
    SUBJECT_ACCESS_EXPORTED
}
