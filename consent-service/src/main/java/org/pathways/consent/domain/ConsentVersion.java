package org.pathways.consent.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One version of a consent record, with its provisions. */
public record ConsentVersion(UUID consentId, int version, ConsentState state, String changeKind,
                             ObtainedMethod obtainedMethod, String language, boolean interpreterUsed,
                             Art6Basis art6Basis, Art9Condition art9Condition, String explanationNote,
                             OffsetDateTime validFrom, OffsetDateTime validUntil, UUID recordedByUser,
                             UUID recordedByOrg, OffsetDateTime recordedAt, OffsetDateTime stateChangedAt,
                             List<Provision> provisions) {

    public ConsentVersion withProvisions(List<Provision> p) {
        return new ConsentVersion(consentId, version, state, changeKind, obtainedMethod, language, interpreterUsed,
                art6Basis, art9Condition, explanationNote, validFrom, validUntil, recordedByUser, recordedByOrg,
                recordedAt, stateChangedAt, p);
    }

    public ConsentVersion withExplanationNote(String note) {
        return new ConsentVersion(consentId, version, state, changeKind, obtainedMethod, language, interpreterUsed,
                art6Basis, art9Condition, note, validFrom, validUntil, recordedByUser, recordedByOrg,
                recordedAt, stateChangedAt, provisions);
    }
}
