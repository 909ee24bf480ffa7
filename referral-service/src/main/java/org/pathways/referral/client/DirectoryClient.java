package org.pathways.referral.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.oidc.client.filter.OidcClientFilter;

/**
 * directory-service's internal API (role internal-service), called with this service's own client-credentials token.
 * Use it through {@link DirectoryAndConsent}, which turns failures into problems.
 */
@RegisterRestClient(configKey = "directory")
@OidcClientFilter
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public interface DirectoryClient {

    @GET
    @Path("/services/{id}/routing")
    Routing routing(@PathParam("id") UUID serviceId);

    @GET
    @Path("/data-sharing")
    Sharing dataSharing(@QueryParam("organisationA") UUID organisationA, @QueryParam("organisationB") UUID organisationB);

    /** What the directory says about routing a referral to one service. Newer fields are ignored, not refused. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Routing(UUID serviceId, UUID organisationId, String status, boolean acceptsReferrals,
            boolean acceptsPartnerReferrals, boolean connector, String capacityStatus, Spoc spoc, ResponseTarget responseTarget,
            Integer minimumNeeds, Integer supportWeeks, Integer supportWeeksIfDdvcEligible,
            /** VOLUNTARY or STATUTORY, and a statutory partner's role (ADR 0091); absent from routings cached before. */
            String organisationKind, String statutoryRole) {

        public boolean statutory() {
            return "STATUTORY".equals(organisationKind);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Spoc(String source, UUID userId, String username, String mailbox) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseTarget(Integer workingDays, Integer remindBeforeWorkingDays, Integer expireAfterWorkingDays, String nation,
            String bankHolidayDivision) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sharing(UUID organisationA, UUID organisationB, boolean shared, List<Agreement> agreements) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Agreement(UUID agreementId, UUID partnershipId, String version, String startsOn, String endsOn) {
    }
}
