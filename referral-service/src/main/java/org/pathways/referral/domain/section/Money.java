package org.pathways.referral.domain.section;

import jakarta.validation.constraints.Size;

/** MONEY: income, benefits, debt, hardship. */
public record Money(
        @Size(max = 2000) String income,
        @Size(max = 2000) String benefits,
        @Size(max = 2000) String debt,
        Boolean inHardship,
        @Size(max = 4000) String notes) implements SectionContent {
}
