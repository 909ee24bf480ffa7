package org.pathways.referral.domain.section;

import jakarta.validation.constraints.Size;

/** HEALTH: mental and physical health, disability, substance use. */
public record Health(
        @Size(max = 4000) String mentalHealth,
        @Size(max = 4000) String physicalHealth,
        @Size(max = 2000) String disability,
        @Size(max = 2000) String substanceUse) implements SectionContent {
}
