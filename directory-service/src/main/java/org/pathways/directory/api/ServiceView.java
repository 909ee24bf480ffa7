package org.pathways.directory.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A service as partnership staff see it: what it offers, who it is for, where (a confidential location shows its area
 * only), its capacity, where referrals go and how fast they must be answered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceView(
        UUID id,
        String name,
        String description,
        String status,
        Org organisation,
        boolean connector,
        List<String> needCodes,
        List<String> matchedNeedCodes,
        List<String> languages,
        List<String> interpretingLanguages,
        List<String> areas,
        List<Place> locations,
        Eligibility eligibility,
        Capacity capacity,
        Routing.SpocView spoc,
        Routing.ResponseTarget responseTarget,
        Boolean sharesDataSharingAgreement,
        String url,
        String email,
        String phone,
        List<Schedule> schedules,
        long version,
        OffsetDateTime updatedAt) {

    /** {@code kind} VOLUNTARY or STATUTORY; {@code statutoryRole} only for a statutory partner (ADR 0091). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Org(UUID id, String name, String kind, String statutoryRole) {

        public Org(UUID id, String name) {
            this(id, name, "VOLUNTARY", null);
        }
    }

    /**
     * {@code distanceKm}: in a search from a postcode or coordinates, the distance to this place (0.1 km); never for a
     * confidential place, whose distance would say more than its area.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Place(UUID id, String name, String area, boolean confidential, String address, String postcode, Double distanceKm) {

        public Place(UUID id, String name, String area, boolean confidential, String address, String postcode) {
            this(id, name, area, confidential, address, postcode, null);
        }

        public Place withDistanceKm(Double km) {
            return new Place(id, name, area, confidential, address, postcode, confidential || km == null ? null : Math.round(km * 10) / 10.0);
        }
    }

    /** The same view with other places (a search adds their distances). */
    public ServiceView withLocations(List<Place> places) {
        return new ServiceView(id, name, description, status, organisation, connector, needCodes, matchedNeedCodes, languages,
                interpretingLanguages, areas, places, eligibility, capacity, spoc, responseTarget, sharesDataSharingAgreement, url,
                email, phone, schedules, version, updatedAt);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Eligibility(String gender, Integer minimumAge, Integer maximumAge, boolean acceptsNrpf,
            boolean acceptsPartnerReferrals, boolean acceptsProfessionalReferrals, boolean acceptsSelfReferrals,
            String description,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "eligibility facts: who the service can "
                    + "support (nrpf, ddvc-eligible; ADR 0063)") List<String> codes,
            /** Takes only complex cases: a referral must carry at least this many needs (absent: no minimum). */
            Integer minimumNeeds) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Capacity(String status, Integer waitWeeks, Integer available, Integer maximum, String unit,
            OffsetDateTime updatedAt, boolean stale) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schedule(String byday, String opensAt, String closesAt, String description) {
    }
}
