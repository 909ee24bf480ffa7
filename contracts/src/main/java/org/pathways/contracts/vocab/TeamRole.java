package org.pathways.contracts.vocab;

/**
 * What a worker does in the team around the person (issue 16 item 3, ADR 0069): fixed codes, carried in
 * {@code pathways.subject.team-changed}. A joint lead worker holds her case with her lead worker and must be of her
 * registering organisation. The code is the constant name.
 */
public enum TeamRole {

    /** Holds her case jointly with her lead worker (paired workers); her registering organisation only. */
    JOINT_LEAD_WORKER,
    KEY_WORKER,
    CASE_COORDINATOR,
    /** Independent domestic violence adviser. */
    IDVA,
    /** Independent sexual violence adviser. */
    ISVA,
    SUPPORT_WORKER,
    HOUSING_OFFICER,
    SOCIAL_WORKER,
    HEALTH_WORKER,
    SUBSTANCE_USE_WORKER,
    PROBATION_OFFICER,
    LEGAL_ADVISER,
    OTHER;

    public String code() {
        return name();
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static TeamRole fromCode(String code) {
        return Codes.fromCode(TeamRole.class, code, TeamRole::code);
    }
}
