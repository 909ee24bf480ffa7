package org.pathways.referral.domain.section;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** CHILDREN: children, their ages, who they live with, agencies involved. */
public record Children(
        @Size(max = 20) List<@NotNull @Valid Child> children,
        @Size(max = 2000) String agenciesInvolved,
        @Size(max = 4000) String notes) implements SectionContent {

    public record Child(@Min(0) @Max(25) Integer ageYears, @Size(max = 200) String livesWith, @Size(max = 1000) String notes) {
    }
}
