package org.pathways.referral.domain.section;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** NEEDS: need codes from the taxonomy ({@code NeedCode}), in her own words, with a status per need. */
public record Needs(@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Need> needs) implements SectionContent {

    /** {@code scale}: where she stands on the Coventry scale (optional; set from a completed referral's outcome, ADR 0066). */
    public record Need(
            @NotBlank @Size(max = 60) String code,
            @Size(max = 2000) String inHerWords,
            @NotNull NeedStatus status,
            org.pathways.contracts.vocab.CoventryNeedScale scale) {
    }

    public enum NeedStatus { IDENTIFIED, REFERRED, IN_SUPPORT, MET, PARTLY_MET, NOT_MET, NO_LONGER_NEEDED }
}
