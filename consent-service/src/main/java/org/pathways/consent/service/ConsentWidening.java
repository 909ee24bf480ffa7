package org.pathways.consent.service;

import java.util.List;

import org.pathways.consent.domain.Provision;

/**
 * Whether a new version widens her consent (ADR 0027): a provision (recipient x purpose x category) the current ACTIVE
 * version does not have, or one whose period starts earlier or ends later than the same provision's now. A first
 * record, or a version after a withdrawal or expiry (nothing in force), widens whatever it names. Plain rule, unit-tested.
 */
public final class ConsentWidening {

    private ConsentWidening() {
    }

    /** {@code inForce}: the current version's provisions if it is ACTIVE, else empty. */
    public static boolean widens(List<Provision> inForce, List<Provision> proposed) {
        return proposed.stream().anyMatch(p -> inForce.stream().noneMatch(c -> covers(c, p)));
    }

    static boolean covers(Provision current, Provision p) {
        return current.recipient().equals(p.recipient()) && current.purpose() == p.purpose()
                && current.category() == p.category() && !p.validFrom().isBefore(current.validFrom())
                && !p.validUntil().isAfter(current.validUntil());
    }
}
