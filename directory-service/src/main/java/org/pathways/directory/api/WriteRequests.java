package org.pathways.directory.api;

import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.pathways.directory.domain.CapacityStatus;
import org.pathways.directory.domain.Gender;
import org.pathways.directory.domain.Nation;
import org.pathways.directory.domain.PartnershipMember;

/** Request bodies of the partnership API. Unknown fields are refused by the platform. */
public final class WriteRequests {

    private WriteRequests() {
    }

    public static final String LANGUAGE = "^[a-z]{2,3}$";

    /** Eligibility codes (contracts EligibilityCode, ADR 0063). */
    static final String ELIGIBILITY = "^(nrpf|ddvc-eligible)$";

    /** Creates or replaces a service (PUT replaces every field below; capacity, SPOC and target have their own endpoints). */
    public record ServiceRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 4000) String description,
            @Pattern(regexp = "^(active|inactive|defunct|temporarily closed)$", message = "must be active, inactive, defunct or temporarily closed") String status,
            @Size(max = 500) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String url,
            @Email @Size(max = 254) String email,
            @Size(max = 40) String phone,
            @Size(max = 2000) String applicationProcess,
            @Size(max = 1000) String feesDescription,
            @Size(max = 2000) String accessibility,
            @Size(max = 2000) String eligibilityDescription,
            @Min(0) @Max(120) Integer minimumAge,
            @Min(0) @Max(120) Integer maximumAge,
            Gender gender,
            Boolean acceptsPartnerReferrals,
            Boolean acceptsProfessionalReferrals,
            Boolean acceptsSelfReferrals,
            Boolean acceptsNrpf,
            @Size(max = 10) List<@NotNull @Pattern(regexp = ELIGIBILITY, message = "must be an eligibility code: nrpf or ddvc-eligible") String> eligibilityCodes,
            /** Takes only complex cases: the fewest needs a referral must carry (2-20; absent: no minimum). */
            @Min(2) @Max(20) Integer minimumNeeds,
            /** Weeks of support once it starts (1-104; absent: no limit); ADR 0073. */
            @Min(1) @Max(104) Integer supportWeeks,
            /** Weeks of support where she is DDVC-eligible (1-104; absent: supportWeeks applies). */
            @Min(1) @Max(104) Integer supportWeeksIfDdvcEligible,
            @NotEmpty @Size(max = 100) List<@NotBlank String> needCodes,
            @Size(max = 50) List<@NotNull @Pattern(regexp = LANGUAGE, message = "must be an ISO 639 code such as ur") String> languages,
            @Size(max = 50) List<@NotNull @Pattern(regexp = LANGUAGE, message = "must be an ISO 639 code such as ur") String> interpretingLanguages,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> areas,
            @Size(max = 20) List<@NotNull @Valid Schedule> schedules,
            @Size(max = 20) List<@NotNull UUID> locationIds,
            Nation nation) {
    }

    public record Schedule(
            @NotNull @Pattern(regexp = "^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$", message = "must be RFC 5545 days such as MO,TU") String byday,
            @NotNull LocalTime opensAt,
            @NotNull LocalTime closesAt,
            @Size(max = 200) String description) {
    }

    public record CapacityRequest(
            @NotNull CapacityStatus status,
            @Min(0) @Max(520) Integer waitWeeks,
            @Min(0) @Max(100000) Integer available,
            @Min(0) @Max(100000) Integer maximum,
            @Size(max = 50) String unit) {
    }

    /** A SPOC is a Keycloak user id, a Keycloak username (see ADR 0011), an organisation mailbox, or several of them. */
    public record SpocRequest(
            UUID userId,
            @Size(max = 100) @Pattern(regexp = "^[a-z0-9._-]+$", message = "must be a Keycloak username") String username,
            @Email @Size(max = 254) String mailbox) {
    }

    public record ResponseTargetRequest(
            @NotNull @Min(1) @Max(60) Integer workingDays,
            @NotNull @Min(0) @Max(30) Integer remindBeforeWorkingDays,
            @NotNull @Min(1) @Max(120) Integer expireAfterWorkingDays,
            @NotNull Nation nation) {
    }

    public record ContactRequest(
            @Size(max = 200) String name,
            @Size(max = 200) String title,
            @Email @Size(max = 254) String email,
            @Size(max = 40) String phone,
            Boolean isPublic) {
    }

    /** A new version of a partnership's data sharing agreement; parties must be members of the partnership. */
    public record AgreementRequest(
            @NotBlank @Size(max = 300) String title,
            @NotBlank @Size(max = 30) @Pattern(regexp = "^[0-9A-Za-z.\\-]+$", message = "must be a version such as 2.2") String version,
            @NotNull java.time.LocalDate startsOn,
            java.time.LocalDate endsOn,
            @NotEmpty @Size(max = 200) List<@NotNull UUID> parties) {
    }

    /** A partnership's reporting calendar (ADR 0076): periods of {@code reportingPeriod} months from a 1st of a month. */
    public record ReportingCalendarRequest(
            @NotNull @Pattern(regexp = "^P(1|3|6|12)M$", message = "must be one of P1M, P3M, P6M, P12M") String reportingPeriod,
            @NotNull java.time.LocalDate reportingAnchor) {
    }

    public record MemberRequest(
            @NotNull UUID organisationId,
            PartnershipMember.Role role) {
    }
}
