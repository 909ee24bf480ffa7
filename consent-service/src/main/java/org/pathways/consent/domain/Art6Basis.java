package org.pathways.consent.domain;

/** UK GDPR Article 6(1) lawful basis for processing. */
public enum Art6Basis {
    CONSENT("Art. 6(1)(a) consent"),
    CONTRACT("Art. 6(1)(b) contract"),
    LEGAL_OBLIGATION("Art. 6(1)(c) legal obligation"),
    VITAL_INTERESTS("Art. 6(1)(d) vital interests"),
    PUBLIC_TASK("Art. 6(1)(e) public task"),
    LEGITIMATE_INTERESTS("Art. 6(1)(f) legitimate interests");

    private final String reference;

    Art6Basis(String reference) {
        this.reference = reference;
    }

    public String reference() {
        return reference;
    }
}
