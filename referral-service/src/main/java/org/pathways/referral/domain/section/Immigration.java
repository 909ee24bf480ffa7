package org.pathways.referral.domain.section;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.pathways.contracts.vocab.EligibilityCode;
import org.pathways.contracts.vocab.ImmigrationDocument;
import org.pathways.contracts.vocab.ImmigrationStatus;
import org.pathways.contracts.vocab.RouteOfEntry;
import org.pathways.contracts.vocab.VisaCategory;

/**
 * IMMIGRATION: status, no recourse to public funds, applications in progress (DDVC, DVILR, asylum); the eligibility facts
 * (ADR 0063) and the Support for Migrant Victims monitoring record (issue 17, item 3; ADR 0064): status and visa on entry
 * to the UK, on entering support and on leaving it, each as confirmed and as she believes it, the documents that
 * confirmed it, the route of entry. Its vocabulary and JSON Schema are in contracts (sections/IMMIGRATION.json); every
 * field is optional, so a first version (status, NRPF, applications, notes) stays valid.
 */
public record Immigration(
        @Size(max = 200) String status,
        Boolean noRecourseToPublicFunds,
        Boolean ddvcEligible,
        @Size(max = 10) List<@NotNull Application> applicationsInProgress,
        @Valid Stage onEntryToUk,
        @Valid Stage onEnteringSupport,
        @Valid Stage onLeavingSupport,
        @Size(max = 10) List<@NotNull ImmigrationDocument> confirmedBy,
        RouteOfEntry routeOfEntry,
        @Size(max = 4000) String notes) implements SectionContent {

    public enum Application { DDVC, DVILR, ASYLUM, EUSS, OTHER }

    /** Her status and visa at one moment: as confirmed (by the documents in {@code confirmedBy}) and as she believes. */
    public record Stage(ImmigrationStatus status, VisaCategory visa, ImmigrationStatus statusSheBelieves,
            VisaCategory visaSheBelieves) {
    }

    /** The eligibility facts about her, in the directory's codes (ADR 0063). Not a field of the section. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<String> eligibilityCodes() {
        List<String> out = new ArrayList<>();
        if (Boolean.TRUE.equals(ddvcEligible)) out.add(EligibilityCode.DDVC_ELIGIBLE.code());
        if (Boolean.TRUE.equals(noRecourseToPublicFunds)) out.add(EligibilityCode.NRPF.code());
        return out;
    }
}
