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

/**
 * directory-service's partnership memberships (internal API, this service's own client-credentials token): which
 * partnerships an organisation is in, for the Partnership Connector's view. Same endpoint configuration as
 * {@link DirectoryClient}.
 */
@RegisterRestClient(configKey = "directory")
@OidcClientFilter
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public interface MembershipClient {

    @GET
    @Path("/organisations/{id}/partnerships")
    List<Membership> partnerships(@PathParam("id") UUID organisationId);

    /** {@code role}: LEAD, MEMBER or REPORTING. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Membership(UUID partnershipId, String name, UUID leadOrganisationId, String role) {
    }
}
