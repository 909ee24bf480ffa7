package org.pathways.directory.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.pathways.directory.domain.Nation;

/** Request bodies of the organisation and partnership admin API. Unknown fields are refused by the platform. */
public final class AdminRequests {

    private AdminRequests() {
    }

    /**
     * A place where the organisation delivers services. {@code area} is what the open feed may publish (a gazetteer
     * place such as Coventry); a confidential location's address, postcode, coordinates and phone never leave the
     * partnership API.
     */
    public record LocationRequest(
            @NotBlank @Size(max = 200) String name,
            Boolean confidential,
            @Size(max = 200) String address1,
            @Size(max = 100) String city,
            @Size(max = 10) String postcode,
            @NotBlank @Size(max = 100) String area,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @Size(max = 40) String phone) {
    }

    /** An organisation's own details, including whether it publishes its services' capacity in the open feed. */
    public record OrganisationRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 4000) String description,
            @Email @Size(max = 254) String email,
            @Size(max = 500) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String website,
            @Size(max = 40) String phone,
            @NotNull Nation nation,
            @NotNull Boolean capacityPublic) {
    }

    /** A new partnership led by the caller's organisation. */
    public record PartnershipRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 4000) String description) {
    }
}
