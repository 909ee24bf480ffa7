package org.pathways.referral.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.oidc.client.filter.OidcClientFilter;

/**
 * consent-service's decision endpoint (role internal-service). Asked at the moment of every send and every read; the
 * answer is never cached. Use it through {@link DirectoryAndConsent}.
 */
@RegisterRestClient(configKey = "consent")
@OidcClientFilter
@Path("/api/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ConsentClient {

    @POST
    @Path("/batch")
    BatchAnswer batch(BatchQuestion question);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Recipient(UUID organisationId, UUID serviceId) {
    }

    record Question(UUID subjectId, UUID partnershipId, Recipient recipient, Purpose purpose, List<DataCategory> categories) {
    }

    record BatchQuestion(List<Question> decisions) {
    }

    /** {@code type} CONSENT (consentId, version) or OVERRIDE (overrideId). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Basis(String type, UUID consentId, Integer version, UUID overrideId) {
        /** What the access audit records as the basis reference: consent id:version, or the override id. */
        public String reference() {
            return "OVERRIDE".equals(type) ? String.valueOf(overrideId) : consentId + ":" + version;
        }

        public boolean isOverride() {
            return "OVERRIDE".equals(type);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Permitted(DataCategory category, Basis basis) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(UUID subjectId, Purpose purpose, List<Permitted> permitted, List<DataCategory> denied) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BatchAnswer(List<Answer> decisions) {
    }
}
