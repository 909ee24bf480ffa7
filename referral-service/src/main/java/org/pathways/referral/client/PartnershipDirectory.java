package org.pathways.referral.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.oidc.client.filter.OidcClientFilter;

/** directory-service's partnerships and their members (internal API, this service's own token), for reports. */
@RegisterRestClient(configKey = "directory")
@OidcClientFilter
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public interface PartnershipDirectory {

    @GET
    @Path("/partnerships")
    List<PartnershipMembers> partnerships();

    @GET
    @Path("/partnerships/{id}")
    PartnershipMembers partnership(@PathParam("id") UUID partnershipId);

    @GET
    @Path("/organisations/{id}/partnerships")
    List<Membership> partnershipsOf(@PathParam("id") UUID organisationId);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PartnershipMembers(UUID partnershipId, String name, UUID leadOrganisationId, List<Member> members,
            /** Its reporting calendar (ADR 0076), e.g. P3M from reportingAnchor; null: the default calendar. */
            String reportingPeriod, java.time.LocalDate reportingAnchor) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Member(UUID organisationId, String name, String role, List<ServiceName> services) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ServiceName(UUID serviceId, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Membership(UUID partnershipId, String name, UUID leadOrganisationId, String role) {
    }
}
