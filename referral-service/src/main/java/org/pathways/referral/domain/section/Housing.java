package org.pathways.referral.domain.section;

import jakarta.validation.constraints.Size;

/** HOUSING: current housing, whether it is safe, refuge needs. */
public record Housing(
        @Size(max = 2000) String current,
        Boolean safe,
        Boolean refugeNeeded,
        @Size(max = 4000) String notes) implements SectionContent {
}
