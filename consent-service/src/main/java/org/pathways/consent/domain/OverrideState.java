package org.pathways.consent.domain;

/**
 * A safeguarding override permits nothing until APPROVED by a second person, and nothing after its validity ended
 * (EXPIRED, set by the expiry job; a pending request that was never approved in time expires too).
 */
public enum OverrideState {
    REQUESTED,
    APPROVED,
    EXPIRED
}
