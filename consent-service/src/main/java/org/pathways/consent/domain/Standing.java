package org.pathways.consent.domain;

import java.util.UUID;

/**
 * Where the caller stands towards her, as referral-service answers it (ADR 0027): her registering organisation and
 * lead worker there, whether her case is restricted, whether the caller may see her at all (ADR 0032's rule, applied
 * by referral-service) and how the caller's organisation relates to her.
 */
public record Standing(UUID subjectId, UUID registeringOrganisationId, UUID leadWorkerUserId, boolean restricted,
                       long version, boolean visible, Relation relation) {

    /** Strongest first. */
    public enum Relation {
        /** The caller's organisation registered her. */
        REGISTERING,
        /** It receives a referral for her that it has taken up (ACCEPTED or IN_PROGRESS). */
        TAKEN_UP,
        /** It sends or receives a referral for her that is neither a draft nor ended. */
        LIVE_REFERRAL,
        NONE
    }

    /** Whether the caller may act for her at all: she is visible to the caller and the organisation relates to her. */
    public boolean mayAct() {
        return visible && relation != Relation.NONE;
    }
}
