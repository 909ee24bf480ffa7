package org.pathways.referral.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.pathways.contracts.vocab.NeedOutcome;
import org.pathways.contracts.vocab.ReasonCode;
import org.pathways.contracts.vocab.ReferralState;

/** One move of a referral: who, when, from, to, why (a code), per-need outcomes, review date. */
public record HistoryEntry(UUID referralId, long version, Instant occurredAt, String actorUserId, UUID actorOrganisationId,
        ReferralStateMachine.Actor actor, ReferralState from, ReferralState to, ReasonCode reason, LocalDate reviewDate,
        Map<String, NeedOutcome> outcomes, List<String> onwardNeeds) {
}
