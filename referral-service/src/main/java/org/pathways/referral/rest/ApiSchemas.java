package org.pathways.referral.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.referral.domain.HistoryEntry;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.Urgency;
import org.pathways.referral.domain.report.PublishedTable;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The shapes of the answers this service builds as JSON trees (the aggregate report, the subject access export), for
 * the OpenAPI document only: nothing constructs them. Keep them in step with {@code ReportService.compute} and
 * {@code SubjectAccessService.export}; the tests of those read the same field names.
 */
public final class ApiSchemas {

    private ApiSchemas() {
    }

    @Schema(name = "Report", description = "The aggregate report of one closed period; counts under 5 as \"<5\", "
            + "secondary suppression as \"*\" (docs/reports.md)")
    public record Report(UUID partnershipId, ReportPeriod period, Instant generatedAt, DisclosureRule disclosureControl,
            List<ReportOrganisation> organisations, ReportPeople people, ReportTables tables,
            List<ServiceTimes> timeToAnswerHours, List<ServiceTimes> timeToFirstContactHours,
            @Schema(description = "Hours from sending to the first answer, by referral source (ADR 0096)") List<SourceTimes> timeToAnswerHoursBySource,
            @Schema(description = "Support periods ended in the period, per service (issue 17, ADR 0073)") List<SupportLength> supportLengthDays,
            Wellbeing wellbeing,
            @Schema(description = "true on the open period's provisional figures (ADR 0075); absent on a stored report") Boolean provisional,
            @Schema(description = "when the provisional figures were computed") Instant asOf) {
    }

    @Schema(description = "SWEMWBS measures recorded in the period (ADR 0074): counts as text or \"<5\"; means of the metric score "
            + "(7-35) at the start and later, and their change, for women with a later measure in the period, null under five")
    public record Wellbeing(String scale, String startMeasures, String laterMeasures, String womenWithChange, Double meanAtStart,
            Double meanLater, Double meanChange) {
    }

    public record ReportPeriod(String id, Instant start, Instant end) {
    }

    @Schema(description = "The rule applied: the threshold and what the two marks mean")
    public record DisclosureRule(int threshold, @JsonProperty("<5") String small, @JsonProperty("*") String hidden) {
    }

    public record ReportOrganisation(UUID organisationId, String name, String role) {
    }

    @Schema(description = "Each a count as text, or \"<5\"")
    public record ReportPeople(String unduplicated, String engagements, String turnedAway,
            @Schema(description = "People with a support period open at the period's end, whenever it started (ADR 0073)") String inSupportAtEnd) {
    }

    @Schema(description = "Tables by organisation id (rows) and column label; entries a count as text, \"<5\" or \"*\"")
    public record ReportTables(PublishedTable engagements, PublishedTable pathwayMatrix, PublishedTable funnel,
            PublishedTable declineReasons, PublishedTable nonCompletionReasons, PublishedTable noServiceFound,
            @Schema(description = "Turn-aways recorded in the period (issue 17): receiving service id x reason code")
            PublishedTable turnedAwayByService,
            @Schema(description = "Cost lines recorded in the period (issue 17): providing service id x cost category")
            PublishedTable costLinesByService,
            @Schema(description = "The same cells' sums in pounds, shown only where the count of lines is shown (else \"x\")")
            PublishedTable costsByServicePounds,
            @Schema(description = "Support periods (ADR 0073): service id x started / ended in the period / open at its end (no row totals)")
            PublishedTable supportPeriodsByService,
            @Schema(description = "Support periods ended in the period: service id x end reason code")
            PublishedTable supportEndReasons,
            @Schema(description = "Extensions approved in the period: service id x reason code")
            PublishedTable supportExtensionsApproved,
            @Schema(description = "Equality monitoring recorded in the period (ADR 0074; her latest answers): age band (every code and "
                    + "NOT_ANSWERED as rows) x women") PublishedTable equalityAgeBand,
            @Schema(description = "The same for ethnic group") PublishedTable equalityEthnicGroup,
            @Schema(description = "The same for disability") PublishedTable equalityDisability,
            @Schema(description = "The same for children") PublishedTable equalityChildren,
            @Schema(description = "Women whose support period started in the period: her IMMIGRATION section's confirmed status on "
                    + "entering support (every code and NOT_RECORDED as rows) x women (the SMV return, issue 17 item 7)")
            PublishedTable immigrationStatusOnEnteringSupport,
            @Schema(description = "The same for women whose support ended in the period, status on leaving support")
            PublishedTable immigrationStatusOnLeavingSupport,
            @Schema(description = "Referrals sent in the period (ADR 0096): receiving organisation id x source (SELF: her own "
                    + "request; INTERNAL: another service of the same organisation; PARTNER: a partner organisation)")
            PublishedTable referralsBySource,
            @Schema(description = "The same referrals: her risk level (her RISK section's latest level: STANDARD, MEDIUM, HIGH, "
                    + "NOT_RECORDED) x source") PublishedTable riskBySource) {
    }

    @Schema(description = "Per service, of support periods ended in the period: how many (as published in supportPeriodsByService), "
            + "how many extended (\"<5\", or \"*\" when it would reveal a small complement), median and p90 days (null unless shown)")
    public record SupportLength(UUID serviceId, String ended, String extended, Double median, Double p90) {
    }

    @Schema(description = "Per service: how many (\"<5\" under five), median and 90th percentile hours (null under five)")
    public record ServiceTimes(UUID serviceId, String referrals, Double median, Double p90) {
    }

    @Schema(description = "Per referral source (SELF, INTERNAL, PARTNER; ADR 0096): first answers counted as text or \"<5\"; "
            + "median and 90th percentile hours, null under five")
    public record SourceTimes(String source, String referrals, Double median, Double p90) {
    }

    /** Every section content type ({@code SectionContent}), one per category (the README's "Section bodies" table). */
    @Schema(name = "SectionContent", description = "The section's typed JSON: the schema of its category (the path's or "
            + "the entry's category); unknown fields are refused", oneOf = { org.pathways.referral.domain.section.Identity.class,
            org.pathways.referral.domain.section.SafeContact.class, org.pathways.referral.domain.section.Communication.class,
            org.pathways.referral.domain.section.Needs.class, org.pathways.referral.domain.section.Risk.class,
            org.pathways.referral.domain.section.Children.class, org.pathways.referral.domain.section.Immigration.class,
            org.pathways.referral.domain.section.Health.class, org.pathways.referral.domain.section.Housing.class,
            org.pathways.referral.domain.section.Money.class, org.pathways.referral.domain.section.Story.class,
            org.pathways.referral.domain.section.Goals.class })
    public interface AnySection {
    }

    @Schema(name = "SubjectAccessExport", description = "Everything held about her, as one file")
    public record SubjectAccessExport(Instant exportedAt, String exportedBy, ExportSubject subject,
            List<ExportSection> summary,
            List<ExportReferral> referrals, List<ExportSignpost> signposts, List<ExportNoServiceFound> noServiceFound,
            @Schema(description = "Organisations that registered her or took up a referral for her: organisation_id, source, started_at")
            List<Map<String, Object>> engagements,
            @Schema(description = "Requests to erase her records and their decisions") List<Map<String, Object>> erasureRequests,
            @Schema(description = "Times she came back (repeat contacts), including records registered again and linked to hers")
            List<Map<String, Object>> contacts,
            @Schema(description = "Every member of the team around her, current and past, with who added and removed them")
            List<Map<String, Object>> team,
            @Schema(description = "Meetings where her case was discussed: kind, date, attendees, decisions, and the actions agreed "
                    + "for her with their texts decrypted") List<Map<String, Object>> meetings,
            @Schema(description = "Her wellbeing measures, answers decrypted") List<Map<String, Object>> wellbeingMeasures,
            @Schema(description = "Every version of her equality monitoring answers, decrypted") List<Map<String, Object>> equalityMonitoring,
            @Schema(oneOf = { ConsentList.class, ConsentsUnavailable.class }) Object consents,
            @Schema(description = "Her access log entries, as in GET /api/subjects/{id}/access-log") List<Dtos.AccessLogEntry> accessLog) {
    }

    @Schema(description = "A referral as stored (every field but the ciphertexts), its free texts decrypted, and its history")
    public record ExportReferral(UUID id, UUID pathwayId, UUID partnershipId, UUID agreementId, UUID subjectId,
            UUID fromOrganisationId, String fromUserId, UUID toOrganisationId, UUID toServiceId, Referral.Spoc spoc,
            Referral.ResponseTarget responseTarget, List<String> needs, Urgency urgency, ReferralState state, long version,
            Set<DataCategory> sections, boolean personKnows, UUID overrideId, UUID replacesReferralId, UUID parentReferralId,
            LocalDate reviewDate, Instant createdAt, Instant sentAt, Instant updatedAt, String note,
            String safeContactInstructions, List<HistoryEntry> history,
            @Schema(description = "Her support period under this referral, if one started") List<Map<String, Object>> supportPeriod,
            List<Map<String, Object>> supportExtensions, List<Map<String, Object>> challenges, List<Map<String, Object>> costs,
            List<Map<String, Object>> informalSupport,
            @Schema(description = "The receiving organisation's worker the referral is assigned to") List<Map<String, Object>> assignment,
            @Schema(description = "Only on a referral to a statutory partner (ADR 0091)") ExportStatutory statutory) {
    }

    @Schema(description = "A statutory referral's kind and, for MARAC, DASH level, criterion and safe contact times (decrypted)")
    public record ExportStatutory(String kind, String dashLevel, String criterion, String safeContactTimes) {
    }

    @Schema(name = "ExportConsentList", type = SchemaType.ARRAY, description = "Her consents exactly as consent-service answers "
            + "GET /api/subjects/{subjectId}/consents (its ConsentView[], documented in consent-service's OpenAPI)")
    public interface ConsentList {
    }

    @Schema(description = "Why her consents are not in the export")
    public record ConsentsUnavailable(String unavailable) {
    }

    @Schema(description = "A signpost, as its database row")
    public record ExportSignpost(UUID id, UUID organisation_id, String need_code, String external_organisation,
            UUID replaces_referral_id, Instant created_at) {
    }

    @Schema(description = "A need no service could meet, as its database row")
    public record ExportNoServiceFound(UUID id, UUID organisation_id, String need_code, UUID replaces_referral_id,
            Instant created_at) {
    }

    public record ExportSubject(UUID id, UUID organisationId, String leadWorkerId, boolean restricted, Instant registeredAt,
            boolean erased) {
    }

    public record ExportSection(String category, int version, String authorId, UUID authorOrganisationId, Instant createdAt,
            @Schema(implementation = AnySection.class) Object content) {
    }
}
