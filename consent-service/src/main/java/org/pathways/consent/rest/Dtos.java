package org.pathways.consent.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.pathways.consent.domain.Art6Basis;
import org.pathways.consent.domain.Art9Condition;
import org.pathways.consent.domain.ObtainedMethod;
import org.pathways.consent.domain.RecipientType;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;

/** Request bodies. Unknown fields and unknown codes are refused with the field's path (platform mappers). */
public final class Dtos {

    private Dtos() {
    }

    /** Language of the conversation: a BCP 47 tag such as {@code en}, {@code pa}, {@code ur-PK}. */
    static final String LANGUAGE = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$";

    public record RecipientDto(@NotNull RecipientType type, @NotNull UUID id) {
    }

    public record ProvisionDto(
            @NotEmpty @Size(max = 20) List<@NotNull @Valid RecipientDto> recipients,
            @NotEmpty @Size(max = 4) List<@NotNull Purpose> purposes,
            @NotEmpty @Size(max = 12) List<@NotNull DataCategory> categories,
            @NotNull OffsetDateTime validFrom,
            @NotNull OffsetDateTime validUntil) {
    }

    public record RecordConsentRequest(
            @NotNull UUID partnershipId,
            @NotEmpty @Size(max = 20) List<@NotNull @Valid ProvisionDto> provisions,
            @NotNull ObtainedMethod obtainedMethod,
            @NotBlank @Pattern(regexp = LANGUAGE, message = "must be a BCP 47 language tag such as en or ur-PK") String language,
            @NotNull Boolean interpreterUsed,
            @NotNull Art6Basis art6Basis,
            @NotNull Art9Condition art9Condition,
            @Size(max = 1000) String explanationNote) {
    }

    public record NewVersionRequest(
            @NotNull @PositiveOrZero Integer basedOnVersion,
            @NotEmpty @Size(max = 20) List<@NotNull @Valid ProvisionDto> provisions,
            @NotNull ObtainedMethod obtainedMethod,
            @NotBlank @Pattern(regexp = LANGUAGE, message = "must be a BCP 47 language tag such as en or ur-PK") String language,
            @NotNull Boolean interpreterUsed,
            @NotNull Art6Basis art6Basis,
            @NotNull Art9Condition art9Condition,
            @Size(max = 1000) String explanationNote) {
    }

    public enum WithdrawalScope { WHOLE, PARTIAL }

    public record WithdrawalRequest(
            @NotNull WithdrawalScope scope,
            @Valid RecipientDto recipient,
            DataCategory category,
            @NotNull ObtainedMethod method,
            @PositiveOrZero Integer basedOnVersion) {
    }

    public record DecisionRecipient(@NotNull UUID organisationId, UUID serviceId) {
    }

    public record DecisionRequest(
            @NotNull UUID subjectId,
            @NotNull UUID partnershipId,
            @NotNull @Valid DecisionRecipient recipient,
            @NotNull Purpose purpose,
            @NotEmpty @Size(max = 12) List<@NotNull DataCategory> categories) {
    }

    public record BatchDecisionRequest(@NotEmpty @Size(max = 50) List<@NotNull @Valid DecisionRequest> decisions) {
    }

    /** A refusal of a pending override: a fixed reason code only (ADR 0090), never free text about her. */
    public record OverrideRefusal(@NotNull org.pathways.contracts.vocab.OverrideRefusalReason reasonCode) {
    }

    public record OverrideRequest(
            @NotNull UUID partnershipId,
            @NotNull org.pathways.consent.domain.OverrideLegalBasis legalBasis,
            @NotBlank @Size(max = 2000) String justification,
            @NotEmpty @Size(max = 20) List<@NotNull @Valid RecipientDto> recipients,
            @NotEmpty @Size(max = 4) List<@NotNull Purpose> purposes,
            @NotEmpty @Size(max = 12) List<@NotNull DataCategory> categories,
            @NotNull OffsetDateTime validUntil) {
    }
}
