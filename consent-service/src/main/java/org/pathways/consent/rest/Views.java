package org.pathways.consent.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.pathways.consent.domain.ConsentVersion;
import org.pathways.consent.domain.Provision;
import org.pathways.consent.domain.Recipient;
import org.pathways.consent.domain.SafeguardingOverride;
import org.pathways.consent.domain.Withdrawal;
import org.pathways.consent.repository.AuditRepository;
import org.pathways.consent.service.ConsentService.ConsentHistory;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Response bodies. */
public final class Views {

    private Views() {
    }

    public record Actor(UUID userId, UUID organisationId) {
    }

    public record ProvisionView(Recipient recipient, Purpose purpose, DataCategory category, OffsetDateTime validFrom,
                                OffsetDateTime validUntil) {
        static ProvisionView of(Provision p) {
            return new ProvisionView(p.recipient(), p.purpose(), p.category(), p.validFrom(), p.validUntil());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionView(int version, String state, String changeKind, String obtainedMethod, String language,
                              boolean interpreterUsed, String art6Basis, String art9Condition, String explanationNote,
                              OffsetDateTime validFrom, OffsetDateTime validUntil, Actor recordedBy,
                              OffsetDateTime recordedAt, OffsetDateTime stateChangedAt, List<ProvisionView> provisions) {
        static VersionView of(ConsentVersion v) {
            return new VersionView(v.version(), v.state().name(), v.changeKind(), v.obtainedMethod().name(),
                    v.language(), v.interpreterUsed(), v.art6Basis().name(), v.art9Condition().name(),
                    v.explanationNote(), v.validFrom(), v.validUntil(), new Actor(v.recordedByUser(), v.recordedByOrg()),
                    v.recordedAt(), v.stateChangedAt(), v.provisions().stream().map(ProvisionView::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WithdrawalView(UUID id, int fromVersion, Integer resultingVersion, String scope, Recipient recipient,
                                 DataCategory category, String method, Actor withdrawnBy, OffsetDateTime withdrawnAt) {
        static WithdrawalView of(Withdrawal w) {
            return new WithdrawalView(w.id(), w.fromVersion(), w.resultingVersion(), w.scope(), w.recipient(),
                    w.category(), w.method().name(), new Actor(w.withdrawnByUser(), w.withdrawnByOrg()), w.withdrawnAt());
        }
    }

    public record ConsentView(UUID id, UUID subjectId, UUID partnershipId, int currentVersion, String state,
                              List<VersionView> versions, List<WithdrawalView> withdrawals) {
        static ConsentView of(ConsentHistory h) {
            return new ConsentView(h.consent().id(), h.consent().subjectId(), h.consent().partnershipId(),
                    h.consent().currentVersion(), h.current().state().name(),
                    h.versions().stream().map(VersionView::of).toList(),
                    h.withdrawals().stream().map(WithdrawalView::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Basis(String type, UUID consentId, Integer version, UUID overrideId) {
    }

    public record PermittedCategory(DataCategory category, Basis basis) {
    }

    public record DecisionView(UUID subjectId, Dtos.DecisionRecipient recipient, Purpose purpose,
                               List<PermittedCategory> permitted, List<DataCategory> denied, OffsetDateTime decidedAt) {
    }

    public record BatchDecisionView(List<DecisionView> decisions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OverrideView(UUID id, UUID subjectId, UUID partnershipId, UUID organisationId, String state,
                               String legalBasis, String legalBasisReference, String justification,
                               OffsetDateTime validUntil, List<Recipient> recipients, List<Purpose> purposes,
                               List<DataCategory> categories, Actor requestedBy, OffsetDateTime requestedAt,
                               Actor approvedBy, OffsetDateTime approvedAt, Actor refusedBy, OffsetDateTime refusedAt,
                               String refusalReason, int version) {
        static OverrideView of(SafeguardingOverride o) {
            return new OverrideView(o.id(), o.subjectId(), o.partnershipId(), o.organisationId(), o.state().name(),
                    o.legalBasis().name(), o.legalBasis().reference(), o.justification(), o.validUntil(),
                    o.recipients(), o.purposes(), o.categories(), new Actor(o.requestedByUser(), o.organisationId()),
                    o.requestedAt(), o.approvedByUser() == null ? null : new Actor(o.approvedByUser(), o.approvedByOrg()),
                    o.approvedAt(), o.refusedByUser() == null ? null : new Actor(o.refusedByUser(), o.refusedByOrg()),
                    o.refusedAt(), o.refusalReason() == null ? null : o.refusalReason().name(), o.version());
        }
    }

    /** One read of her data: ids, codes and a timestamp only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AccessLogEntryView(long entryNo, OffsetDateTime at, String actorUserId, UUID actorOrganisationId,
                                     List<String> actorRoles, String action, UUID consentId, UUID overrideId,
                                     UUID partnershipId, String basis) {
        static AccessLogEntryView of(AuditRepository.Entry e) {
            return new AccessLogEntryView(e.entryNo(), e.at(), e.actorUserId(), e.actorOrganisationId(),
                    e.actorRoles().isEmpty() ? List.of() : List.of(e.actorRoles().split(",")), e.action(), e.consentId(),
                    e.overrideId(), e.partnershipId(), e.basis());
        }
    }

    /** A page of her access log, newest first; {@code nextBefore} is the {@code before} of the next page, if any. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AccessLogView(UUID subjectId, List<AccessLogEntryView> entries, Long nextBefore) {
    }
}
