package org.pathways.contracts.vocab;

/**
 * Why a second person refused a request to share without her consent (issue 15 screen 6, ADR 0090): fixed codes, so
 * the refusal and its event carry no free text about her. The code is the constant name.
 */
public enum OverrideRefusalReason {

    /** Sharing without her consent would go further than the risk justifies (wrong recipients, sections or period). */
    NOT_PROPORTIONATE,
    /** The grounds given do not meet the legal basis claimed. */
    INSUFFICIENT_GROUNDS,
    /** Her consent can be asked for safely: ask her instead. */
    CONSENT_OBTAINABLE,
    /** Another reason, discussed with the requester outside Pathways. */
    OTHER
}
