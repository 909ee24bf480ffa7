package org.pathways.contracts.vocab;

/** How she entered the UK (issue 17, item 3; ADR 0064). The code is the constant name. */
public enum RouteOfEntry {
    /** With a visa or other entry clearance. */
    WITH_VISA,
    /** Without a visa, as a visitor from a country that needs none. */
    VISA_FREE,
    /** As an EEA or Swiss national, or a family member of one. */
    EEA_FREE_MOVEMENT,
    /** To claim asylum. */
    TO_CLAIM_ASYLUM,
    /** Without permission (irregular entry). */
    IRREGULAR,
    /** Brought to the UK by someone exploiting her (trafficking). */
    TRAFFICKED,
    /** Born in the UK. */
    BORN_IN_UK,
    OTHER,
    UNKNOWN;

    public String code() {
        return name();
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static RouteOfEntry fromCode(String code) {
        return Codes.fromCode(RouteOfEntry.class, code, RouteOfEntry::code);
    }
}
