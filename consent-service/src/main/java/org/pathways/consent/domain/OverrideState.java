package org.pathways.consent.domain;

/**
 * A safeguarding override permits nothing until APPROVED by a second person, and nothing after its validity ended
 * (EXPIRED, set by the expiry job; a pending request that was never approved in time expires too), nor once a second
 * person REFUSED it.
 */
public enum OverrideState {
    REQUESTED,
    APPROVED,
    /** Refused by a second person (a reason code; ADR 0090): final, and it never permitted anything. */
    REFUSED,
    EXPIRED
}
