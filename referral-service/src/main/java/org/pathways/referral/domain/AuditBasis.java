package org.pathways.referral.domain;

/** On what basis data was read or changed: the owning organisation's own record (later: a consent, an override). */
public enum AuditBasis {
    OWNER,
    CONSENT,
    OVERRIDE
}
