package org.pathways.referral.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.referral.domain.AuditRecord;
import org.pathways.referral.domain.SectionVersion;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.service.AuditVerifier;
import org.pathways.referral.service.SubjectSummaryService;

import com.fasterxml.jackson.databind.JsonNode;

/** Request and response bodies of referral-service's subject, summary and audit API. */
public final class Dtos {

    /** A Keycloak user id. */
    static final String USER_ID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    private Dtos() {
    }

    /** Register a person. No name, no date of birth: those go in the IDENTITY section, encrypted. */
    public record RegisterSubject(
            @Pattern(regexp = USER_ID, message = "must be a user id") String leadWorkerId,
            Boolean restricted) {
    }

    public record Handover(@NotBlank @Pattern(regexp = USER_ID, message = "must be a user id") String leadWorkerId) {
    }

    public record Restriction(@NotNull Boolean restricted) {
    }

    public record SubjectView(UUID id, UUID organisationId, String leadWorkerId, boolean restricted, long version,
            Instant registeredAt, Instant updatedAt) {
        static SubjectView of(Subject s) {
            return new SubjectView(s.id(), s.organisationId(), s.leadWorkerId(), s.restricted(), s.version(),
                    s.registeredAt(), s.updatedAt());
        }
    }

    public record SectionView(UUID subjectId, DataCategory category, int version, String authorId,
            UUID authorOrganisationId, Instant createdAt, @Schema(implementation = ApiSchemas.AnySection.class) JsonNode content) {
        static SectionView of(SubjectSummaryService.Section s) {
            SectionVersion m = s.meta();
            return new SectionView(m.subjectId(), m.category(), m.version(), m.authorId(), m.authorOrganisationId(),
                    m.createdAt(), s.content());
        }
    }

    public record SectionWritten(UUID subjectId, DataCategory category, int version, String authorId,
            UUID authorOrganisationId, Instant createdAt) {
        static SectionWritten of(SectionVersion m) {
            return new SectionWritten(m.subjectId(), m.category(), m.version(), m.authorId(), m.authorOrganisationId(), m.createdAt());
        }
    }

    /** The do-not-contact / named-worker flags from SAFE_CONTACT, shown apart so no reader can miss them. */
    public record ContactFlags(boolean doNotContact, boolean contactViaNamedWorkerOnly, String namedWorkerId) {
    }

    public record SummaryView(UUID subjectId, ContactFlags contactFlags, List<SectionView> sections) {
    }

    /**
     * One access log entry. {@code seq} is the entry number (insertion order; page with it); {@code chainSeq} is the
     * row's place in the hash chain, null for the moment until the chainer has reached it (ADR 0038).
     */
    public record AccessLogEntry(long seq, Instant at, String userId, UUID organisationId, List<String> roles,
            String action, List<DataCategory> categories, String purpose, String basis, String basisRef, String outcome,
            Long chainSeq) {
        static AccessLogEntry of(AuditRecord r) {
            return new AccessLogEntry(r.entryNo(), r.occurredAt(), r.actorUserId(), r.actorOrganisationId(), split(r.actorRoles()),
                    r.action(), split(r.categories()).stream().map(DataCategory::fromCode).toList(), r.purpose(), r.basis(),
                    r.basisRef(), r.outcome(), r.seq());
        }

        private static List<String> split(String csv) {
            return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
        }
    }

    public record AccessLog(UUID subjectId, List<AccessLogEntry> entries, Long nextAfter) {
    }

    /**
     * The chain's verdict, and the rows still waiting for the chainer: how many, when the oldest was written and its age
     * in seconds (a growing age means the chainer is stuck; ADR 0038).
     */
    public record Verification(boolean valid, long rowsChecked, long headSeq, Long firstBrokenSeq, UUID firstBrokenId,
            AuditVerifier.Break reason, long unchainedRows, Instant oldestUnchainedAt, Double oldestUnchainedAgeSeconds) {
        static Verification of(AuditVerifier.Result r) {
            Double age = r.oldestUnchainedAt() == null ? null
                    : Math.max(0, Duration.between(r.oldestUnchainedAt(), Instant.now()).toMillis() / 1000.0);
            return new Verification(r.valid(), r.rowsChecked(), r.headSeq(), r.firstBrokenSeq(), r.firstBrokenId(), r.reason(),
                    r.unchainedRows(), r.oldestUnchainedAt(), age);
        }
    }
}
