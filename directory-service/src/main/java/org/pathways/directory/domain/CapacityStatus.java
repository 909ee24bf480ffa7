package org.pathways.directory.domain;

/** A service's capacity (the contracts' {@code capacityStatus}). */
public enum CapacityStatus {
    HAS_CAPACITY, NO_CAPACITY, WAITLIST, ASSESSMENT_REQUIRED
}
