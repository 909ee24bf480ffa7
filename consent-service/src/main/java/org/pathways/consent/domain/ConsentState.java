package org.pathways.consent.domain;

/** State of one consent version. Only ACTIVE permits anything; the others are final. */
public enum ConsentState {
    ACTIVE,
    WITHDRAWN,
    EXPIRED,
    SUPERSEDED
}
