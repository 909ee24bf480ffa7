package org.pathways.contracts.vocab;

/**
 * Immigration status, as the Support for Migrant Victims (SMV) monitoring return records it at entry to the UK, on
 * entering support and on leaving it (issue 17, item 3; ADR 0064). Recorded both as confirmed and as what she believes.
 * The code is the constant name; never renamed or reused.
 */
public enum ImmigrationStatus {
    /** Leave to enter or remain for a limited time (a visa or other limited leave). */
    LIMITED_LEAVE,
    /** Indefinite leave to enter or remain (settlement), including under the domestic violence rules (DVILR). */
    INDEFINITE_LEAVE,
    /** Limited leave granted under the Migrant Victims of Domestic Abuse Concession (formerly the DDVC). */
    DDVC_CONCESSION_LEAVE,
    /** Leave extended by law while an in-time application or appeal is decided (section 3C). */
    LEAVE_EXTENDED_PENDING_APPLICATION,
    /** EU Settlement Scheme: pre-settled status. */
    EUSS_PRE_SETTLED,
    /** EU Settlement Scheme: settled status. */
    EUSS_SETTLED,
    /** An EU Settlement Scheme application made and not yet decided. */
    EUSS_APPLICATION_PENDING,
    /** An asylum claim made and not yet finally decided. */
    ASYLUM_SEEKER,
    /** Asylum refused and appeal rights exhausted. */
    REFUSED_ASYLUM_SEEKER,
    /** Refugee status or humanitarian protection. */
    REFUGEE_OR_HUMANITARIAN_PROTECTION,
    /** Referred into the National Referral Mechanism as a possible victim of modern slavery. */
    NRM_REFERRED,
    /** No leave: leave expired (overstayer) or never granted. */
    NO_LEAVE,
    /** British or Irish citizen (after naturalisation, or never subject to immigration control). */
    BRITISH_OR_IRISH_CITIZEN,
    OTHER,
    /** Not known (to her or to the worker). */
    UNKNOWN;

    public String code() {
        return name();
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static ImmigrationStatus fromCode(String code) {
        return Codes.fromCode(ImmigrationStatus.class, code, ImmigrationStatus::code);
    }
}
