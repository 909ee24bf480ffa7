package org.pathways.consent.domain;

/** UK GDPR Article 9(2) condition for special category data. */
public enum Art9Condition {
    EXPLICIT_CONSENT("Art. 9(2)(a) explicit consent"),
    EMPLOYMENT_SOCIAL_SECURITY("Art. 9(2)(b) employment, social security and social protection"),
    VITAL_INTERESTS("Art. 9(2)(c) vital interests"),
    NOT_FOR_PROFIT_BODY("Art. 9(2)(d) not-for-profit body"),
    MADE_PUBLIC("Art. 9(2)(e) made public by the data subject"),
    LEGAL_CLAIMS("Art. 9(2)(f) legal claims"),
    SUBSTANTIAL_PUBLIC_INTEREST("Art. 9(2)(g) substantial public interest"),
    HEALTH_SOCIAL_CARE("Art. 9(2)(h) health or social care"),
    PUBLIC_HEALTH("Art. 9(2)(i) public health"),
    ARCHIVING_RESEARCH_STATISTICS("Art. 9(2)(j) archiving, research and statistics");

    private final String reference;

    Art9Condition(String reference) {
        this.reference = reference;
    }

    public String reference() {
        return reference;
    }
}
