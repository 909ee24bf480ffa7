package org.pathways.consent.domain;

/** How she gave (or withdrew) consent. */
public enum ObtainedMethod {
    VERBAL,
    WRITTEN,
    ELECTRONIC
}
