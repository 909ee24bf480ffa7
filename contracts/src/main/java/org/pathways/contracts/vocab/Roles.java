package org.pathways.contracts.vocab;

import java.util.Set;

/** Keycloak realm roles of the {@code pathways} realm, and the token claim that carries the user's organisation. */
public final class Roles {

    /** Holds a person's case at her organisation; records summary and consent; makes and follows referrals. */
    public static final String CASEWORKER = "caseworker";
    /** Single point of contact (SPOC): receives and answers referrals for a service or organisation. */
    public static final String REFERRAL_COORDINATOR = "referral-coordinator";
    /** A single point of contact of the Partnership Connector service. */
    public static final String CONNECTOR = "connector";
    /** Keeps the organisation's directory entries, contacts, capacity and response targets current. */
    public static final String ORG_ADMIN = "org-admin";
    /** Manages member organisations and the partnership's data sharing agreement. */
    public static final String PARTNERSHIP_ADMIN = "partnership-admin";
    /** Reads the audit trail and consents, is alerted on sharing without consent, answers subject access requests. */
    public static final String PRIVACY_OFFICER = "privacy-officer";
    /** Aggregate reports only; never personal data. */
    public static final String EVALUATOR = "evaluator";
    /** Held only by Pathways' own services when calling each other (e.g. consent decisions). */
    public static final String INTERNAL_SERVICE = "internal-service";

    /** Token claim holding the caller's organisation id. */
    public static final String ORG_CLAIM = "org";

    private static final Set<String> ALL = Set.of(CASEWORKER, REFERRAL_COORDINATOR, CONNECTOR, ORG_ADMIN,
            PARTNERSHIP_ADMIN, PRIVACY_OFFICER, EVALUATOR, INTERNAL_SERVICE);

    private Roles() {
    }

    /** Every realm role above (not the claim name). Unmodifiable. */
    public static Set<String> all() {
        return ALL;
    }
}
