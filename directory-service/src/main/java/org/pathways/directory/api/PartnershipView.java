package org.pathways.directory.api;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.pathways.directory.domain.DataSharingAgreement;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A partnership with its members and data sharing agreements, as the partnership API returns it. */
public record PartnershipView(UUID id, String name, String description, UUID leadOrganisationId, List<MemberView> members,
        List<AgreementView> agreements, ReportingCalendarView reportingCalendar) {

    /** The partnership's own reporting calendar (ADR 0076); null: the system's default periods. */
    public record ReportingCalendarView(String reportingPeriod, String reportingAnchor) {

        public static ReportingCalendarView of(String period, LocalDate anchor) {
            return period == null || anchor == null ? null : new ReportingCalendarView(period, anchor.toString());
        }
    }

    public record MemberView(UUID organisationId, String name, String role, String joinedOn) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgreementView(UUID id, String title, String version, String startsOn, String endsOn, boolean current,
            List<UUID> parties) {

        public static AgreementView of(DataSharingAgreement a) {
            return new AgreementView(a.id, a.title, a.agreementVersion, a.startsOn.toString(),
                    a.endsOn == null ? null : a.endsOn.toString(), a.isCurrent(LocalDate.now(ZoneOffset.UTC)),
                    a.parties.stream().sorted().toList());
        }
    }
}
