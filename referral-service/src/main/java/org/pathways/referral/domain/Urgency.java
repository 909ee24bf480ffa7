package org.pathways.referral.domain;

/** How soon the referrer asks the receiver to act. A code only; response targets still come from the directory. */
public enum Urgency {
    ROUTINE,
    SOON,
    URGENT
}
