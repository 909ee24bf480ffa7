package org.pathways.consent.domain;

/** The fixed list of legal bases for sharing without consent (a safeguarding override). */
public enum OverrideLegalBasis {
    DPA2018_SCH1_PARA18_SAFEGUARDING("DPA 2018 Schedule 1 paragraph 18: safeguarding of children and individuals at risk"),
    PREVENTION_DETECTION_OF_CRIME("DPA 2018 Schedule 1 paragraph 10: preventing or detecting unlawful acts"),
    COURT_ORDER("An order of a court or tribunal"),
    VITAL_INTERESTS("UK GDPR Art. 6(1)(d) and 9(2)(c): vital interests");

    private final String reference;

    OverrideLegalBasis(String reference) {
        this.reference = reference;
    }

    public String reference() {
        return reference;
    }
}
