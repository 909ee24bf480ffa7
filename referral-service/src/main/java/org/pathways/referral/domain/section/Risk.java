package org.pathways.referral.domain.section;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/** RISK: risk level (e.g. DASH), MARAC involvement, safeguarding flags. The most restricted category. */
public record Risk(
        RiskLevel level,
        @Size(max = 50) String assessmentTool,
        @PastOrPresent LocalDate assessedOn,
        Boolean maracInvolved,
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> safeguardingFlags,
        @Size(max = 4000) String notes) implements SectionContent {

    public enum RiskLevel { STANDARD, MEDIUM, HIGH }
}
