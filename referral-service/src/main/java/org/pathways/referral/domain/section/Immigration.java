package org.pathways.referral.domain.section;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** IMMIGRATION: status, no recourse to public funds, applications in progress (DDVC, DVILR, asylum). */
public record Immigration(
        @Size(max = 200) String status,
        Boolean noRecourseToPublicFunds,
        @Size(max = 10) List<@NotNull Application> applicationsInProgress,
        @Size(max = 4000) String notes) implements SectionContent {

    public enum Application { DDVC, DVILR, ASYLUM, EUSS, OTHER }
}
