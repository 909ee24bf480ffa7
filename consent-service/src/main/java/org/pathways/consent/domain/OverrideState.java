package org.pathways.consent.domain;

/** A safeguarding override permits nothing until APPROVED by a second person. */
public enum OverrideState {
    REQUESTED,
    APPROVED
}
