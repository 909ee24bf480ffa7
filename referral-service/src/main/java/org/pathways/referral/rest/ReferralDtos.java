package org.pathways.referral.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.NeedOutcome;
import org.pathways.contracts.vocab.ReasonCode;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.referral.access.AccessGate;
import org.pathways.referral.domain.HistoryEntry;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.StatutoryReferral;
import org.pathways.referral.domain.Urgency;
import org.pathways.referral.service.ReferralService;
import org.pathways.referral.service.SharedSummaryService;

import com.fasterxml.jackson.databind.JsonNode;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Request and response bodies of the referral API. Unknown fields are refused (platform default). */
public final class ReferralDtos {

    /** The longest note for the receiver and the longest safe-contact instructions (characters). */
    public static final int NOTE_MAX = 4000;
    public static final int SAFE_CONTACT_MAX = 2000;
    /** The longest safe contact times of a MARAC referral (characters). */
    public static final int SAFE_CONTACT_TIMES_MAX = 1000;

    /** A need code of the partnership taxonomy: lowercase words joined by hyphens (checked against NeedCode). */
    static final String NEED = "^[a-z][a-z-]{1,59}$";

    private ReferralDtos() {
    }

    /**
     * Send a referral: to a directory service, with needs, urgency, the sections to share, whether she knows (false
     * needs an approved safeguarding override), a note for the receiver and safe-contact instructions (free text,
     * bounded, encrypted under her key, never in events).
     */
    public record SendReferral(
            @NotNull UUID subjectId,
            @NotNull UUID toServiceId,
            @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = NEED, message = "must be a need code") String> needs,
            @NotNull Urgency urgency,
            @NotEmpty @Size(max = 12) List<@NotNull DataCategory> sections,
            @NotNull Boolean personKnows,
            @Size(max = NOTE_MAX) String note,
            @Size(max = SAFE_CONTACT_MAX) String safeContactInstructions,
            UUID pathwayId,
            UUID replacesReferralId,
            UUID parentReferralId,
            @Schema(description = "A referral to a statutory partner outside the partnership agreement (ADR 0091): MARAC, POLICE "
                    + "or SARC, each only to a statutory partner of that role; absent: an ordinary partnership referral")
            StatutoryReferral.Kind kind,
            @Schema(description = "The partnership the referral is made under: required when your organisation is in several "
                    + "and it is a statutory referral not onward from a referral she came by (422 partnership-required); for an "
                    + "ordinary referral it chooses that partnership's agreement")
            UUID partnershipId,
            @Valid MaracDetails marac) {
    }

    /** A MARAC referral's own fields (kind MARAC only). */
    public record MaracDetails(
            @NotNull StatutoryReferral.DashLevel dashLevel,
            @NotNull @Schema(description = "VISIBLE_HIGH_RISK needs dashLevel HIGH; below HIGH: PROFESSIONAL_JUDGEMENT or "
                    + "POTENTIAL_ESCALATION (422 marac-criterion)") StatutoryReferral.MaracCriterion criterion,
            @Schema(description = "Is she aware of this referral? Must equal personKnows (422 she-is-aware); absent: personKnows")
            Boolean sheIsAware,
            @Size(max = SAFE_CONTACT_TIMES_MAX) @Schema(description = "When it is safe to contact her; free text, encrypted under her key")
            String safeContactTimes) {
    }

    /** A statutory referral as the viewer may see it: DASH level and criterion follow RISK, contact times SAFE_CONTACT. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record StatutoryView(StatutoryReferral.Kind kind, StatutoryReferral.DashLevel dashLevel,
            StatutoryReferral.MaracCriterion criterion, String safeContactTimes, List<DataCategory> withheld) {
        static StatutoryView of(AccessGate.StatutoryDetail d) {
            return d == null ? null : new StatutoryView(d.kind(), d.dashLevel(), d.criterion(), d.safeContactTimes(), d.withheld());
        }
    }

    /** A lifecycle move: target state, and what that move needs (reason, review date, outcomes per need, onward needs). */
    public record TransitionRequest(
            @NotNull ReferralState target,
            ReasonCode reason,
            LocalDate reviewDate,
            @Size(max = 20) Map<String, NeedOutcome> outcomes,
            @Size(max = 20) List<@NotNull @Pattern(regexp = NEED, message = "must be a need code") String> onwardNeeds) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpocView(String source, String userId, String username, String mailbox) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReferralView(UUID id, UUID pathwayId, UUID partnershipId, UUID subjectId, UUID fromOrganisationId,
            String fromUserId, UUID toOrganisationId, UUID toServiceId,
            @Schema(description = "Between two services of one organisation (ADR 0053)") boolean internal, SpocView spoc, List<String> needs, Urgency urgency,
            ReferralState state, long version, List<DataCategory> sections, boolean personKnows, UUID overrideId,
            UUID replacesReferralId, UUID parentReferralId, LocalDate reviewDate, String note, String safeContactInstructions,
            AccessGate.ContactFlags contactFlags, Instant createdAt, Instant sentAt, Instant updatedAt,
            @Schema(description = "Only on a statutory referral (ADR 0091), in the answers to a send and a read") StatutoryView statutory) {

        static ReferralView of(Referral r, String note, String safeContact) {
            return of(r, note, safeContact, null);
        }

        static ReferralView of(Referral r, String note, String safeContact, AccessGate.ContactFlags flags) {
            return of(r, note, safeContact, flags, null);
        }

        static ReferralView of(Referral r, String note, String safeContact, AccessGate.ContactFlags flags, StatutoryView statutory) {
            Referral.Spoc s = r.spoc();
            return new ReferralView(r.id(), r.pathwayId(), r.partnershipId(), r.subjectId(), r.fromOrganisationId(),
                    r.fromUserId(), r.toOrganisationId(), r.toServiceId(), r.internal(),
                    s == null ? null : new SpocView(s.source(), s.userId(), s.username(), s.mailbox()), r.needs(), r.urgency(),
                    r.state(), r.version(), r.sections().stream().sorted().toList(), r.personKnows(), r.overrideId(),
                    r.replacesReferralId(), r.parentReferralId(), r.reviewDate(), note, safeContact, flags, r.createdAt(), r.sentAt(),
                    r.updatedAt(), statutory);
        }

        static ReferralView of(ReferralService.ReferralDetail d) {
            return of(d.referral(), d.note(), d.safeContactInstructions(), d.contactFlags(), StatutoryView.of(d.statutory()));
        }

        /** Without the free texts (lists, answers to a move). */
        static ReferralView brief(Referral r) {
            return of(r, null, null);
        }
    }

    /**
     * One entry of a referral's history: a move ({@code event} MOVED: from, to, reason...), or an escalation or decline
     * review raised or answered ({@code event} ESCALATED, DECLINE_REVIEW_REQUESTED, ESCALATION_ANSWERED,
     * DECLINE_REVIEW_ANSWERED: challengeId, challengeReason or challengeOutcome; {@code version} the referral's at the
     * time, unchanged by it; ADR 0055).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record HistoryView(String event, long version, Instant at, String userId, UUID organisationId, String actor,
            ReferralState from, ReferralState to, ReasonCode reason, LocalDate reviewDate, Map<String, NeedOutcome> outcomes,
            List<String> onwardNeeds, UUID challengeId, org.pathways.contracts.vocab.ChallengeReason challengeReason,
            org.pathways.contracts.vocab.ChallengeOutcome challengeOutcome) {
        static HistoryView of(HistoryEntry h) {
            return new HistoryView("MOVED", h.version(), h.occurredAt(), h.actorUserId(), h.actorOrganisationId(), h.actor().name(),
                    h.from(), h.to(), h.reason(), h.reviewDate(), h.outcomes(), h.onwardNeeds(), null, null, null);
        }

        /** A challenge's entries: raised, and answered if it was. */
        static List<HistoryView> of(org.pathways.referral.domain.Challenge c) {
            boolean esc = c.kind() == org.pathways.referral.domain.Challenge.Kind.ESCALATION;
            List<HistoryView> out = new java.util.ArrayList<>();
            out.add(new HistoryView(esc ? "ESCALATED" : "DECLINE_REVIEW_REQUESTED", c.referralVersion(), c.raisedAt(), c.raisedBy(),
                    c.raisedOrganisationId(), "REFERRER", null, null, null, null, null, null, c.id(), c.reason(), null));
            if (!c.open()) {
                out.add(new HistoryView(esc ? "ESCALATION_ANSWERED" : "DECLINE_REVIEW_ANSWERED", c.referralVersion(), c.answeredAt(),
                        c.answeredBy(), c.answeredOrganisationId(), "RECEIVER", null, null, null, null, null, null, c.id(), null,
                        c.outcome()));
            }
            return out;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BasisView(String type, UUID consentId, Integer version, UUID overrideId) {
    }

    public record SharedSectionView(DataCategory category, int version, String authorId, UUID authorOrganisationId,
            Instant createdAt, BasisView basis, @Schema(implementation = ApiSchemas.AnySection.class) JsonNode content) {
    }

    /** A section the referral names that is not shown, and why (codes only). */
    public record WithheldView(DataCategory category, String status, String reason) {
    }

    public record ReceivedSummaryView(UUID referralId, UUID subjectId, ReferralState state,
            AccessGate.ContactFlags contactFlags, List<SharedSectionView> sections, List<WithheldView> withheld) {
        static ReceivedSummaryView of(SharedSummaryService.ReceivedSummary s) {
            return new ReceivedSummaryView(s.referral().id(), s.referral().subjectId(), s.referral().state(), s.contactFlags(),
                    s.sections().stream().map(x -> {
                        var m = x.section().meta();
                        var b = x.basis();
                        return new SharedSectionView(m.category(), m.version(), m.authorId(), m.authorOrganisationId(), m.createdAt(),
                                new BasisView(b.type(), b.consentId(), b.version(), b.overrideId()), x.section().content());
                    }).toList(),
                    s.withheld().stream().map(w -> new WithheldView(w.category(), "WITHHELD", w.reason().name())).toList());
        }
    }
}
