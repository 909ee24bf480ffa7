package org.pathways.directory.domain;

/** What a statutory partner is to the partnerships (ADR 0091); referral-service matches referral kinds to it. */
public enum StatutoryRole {
    /** A police domestic abuse unit (POLICE referrals). */
    POLICE_DA_UNIT,
    /** The coordinator of a Multi-Agency Risk Assessment Conference (MARAC referrals). */
    MARAC_COORDINATOR,
    /** A sexual assault referral centre (SARC referrals). */
    SARC;

    /** The HSDS {@code legal_status} text of a statutory partner with this role. */
    public String legalStatus() {
        return switch (this) {
            case POLICE_DA_UNIT -> "Statutory partner: police domestic abuse unit";
            case MARAC_COORDINATOR -> "Statutory partner: MARAC coordinator";
            case SARC -> "Statutory partner: sexual assault referral centre";
        };
    }
}
