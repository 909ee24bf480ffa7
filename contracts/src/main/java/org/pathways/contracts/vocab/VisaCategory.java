package org.pathways.contracts.vocab;

/**
 * The visa (or none) under which she entered the UK or held leave, as the SMV monitoring return records it (issue 17,
 * item 3; ADR 0064). The code is the constant name; never renamed or reused.
 */
public enum VisaCategory {
    /** Spouse, civil partner, unmarried partner or fiancé(e) of a British citizen or settled person. */
    SPOUSE_OR_PARTNER,
    /** Dependant (partner) of a worker. */
    DEPENDANT_OF_WORKER,
    /** Dependant (partner) of a student. */
    DEPENDANT_OF_STUDENT,
    /** Work visa (skilled worker, health and care, other work routes). */
    WORK,
    STUDENT,
    VISITOR,
    /** Other family routes (e.g. as a parent or adult dependent relative). */
    OTHER_FAMILY,
    /** The EU Settlement Scheme family permit. */
    EUSS_FAMILY_PERMIT,
    /** No visa (entered without one, or none held now). */
    NONE,
    OTHER,
    UNKNOWN;

    public String code() {
        return name();
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static VisaCategory fromCode(String code) {
        return Codes.fromCode(VisaCategory.class, code, VisaCategory::code);
    }
}
