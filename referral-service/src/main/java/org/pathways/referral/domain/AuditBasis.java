package org.pathways.referral.domain;

/**
 * On what basis data was read or changed: the owning organisation's own record, a consent (ref: consent id:version), a
 * safeguarding override (ref: override id), or being one of the two organisations on a referral (ref: referral id) for
 * the referral's own record and free texts.
 */
public enum AuditBasis {
    OWNER,
    CONSENT,
    OVERRIDE,
    REFERRAL,
    /** A refused read: no basis (outcome DENIED). */
    NONE
}
