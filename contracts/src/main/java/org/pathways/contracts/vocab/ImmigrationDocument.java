package org.pathways.contracts.vocab;

/** What confirmed her immigration status (issue 17, item 3; ADR 0064). The code is the constant name. */
public enum ImmigrationDocument {
    PASSPORT_WITH_VISA,
    BIOMETRIC_RESIDENCE_PERMIT,
    /** An eVisa, checked online (share code). */
    EVISA,
    HOME_OFFICE_LETTER,
    /** Confirmation by her immigration adviser or solicitor. */
    ADVISER_CONFIRMATION,
    ASYLUM_REGISTRATION_CARD,
    /** The EU Settlement Scheme status confirmation. */
    EUSS_CONFIRMATION,
    /** Nothing confirmed it: what she said only. */
    NONE_SELF_REPORTED,
    OTHER;

    public String code() {
        return name();
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static ImmigrationDocument fromCode(String code) {
        return Codes.fromCode(ImmigrationDocument.class, code, ImmigrationDocument::code);
    }
}
