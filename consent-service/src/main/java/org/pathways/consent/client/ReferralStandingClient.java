package org.pathways.consent.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;
import org.pathways.consent.domain.Standing;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * Asks referral-service where the caller stands towards her ({@code POST /internal/subject-standing}, with this
 * service's client-credentials token; ADR 0027). Never cached: a restriction, a handover or an accepted referral counts
 * from the next request. SmallRye Fault Tolerance bounds it: a call (token included) that takes longer than three
 * seconds is abandoned ({@code @Timeout}), and after half of the last ten calls
 * failed the circuit opens for five seconds, so while referral-service is down requests fail at once instead of each
 * waiting for the timeout ({@code @CircuitBreaker}). Down, slow, open or answering anything unexpected is a 503
 * problem — never a guess, never an answer from a stale copy. A 404 (she is unknown) is an answer, not a failure.
 */
@ApplicationScoped
public class ReferralStandingClient {

    private static final Logger LOG = Logger.getLogger(ReferralStandingClient.class);

    @ConfigProperty(name = "pathways.referral.url", defaultValue = "none")
    String referralUrl;

    @ConfigProperty(name = "pathways.consent.standing.timeout", defaultValue = "PT3S")
    Duration timeout;

    @Inject
    ObjectMapper json;

    @Inject
    ServiceToken token;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The circuit breaker's name (for its state in tests and operations). */
    public static final String BREAKER = "referral-standing";

    /** Her standing for the named caller, or empty when referral-service does not know her (or she was erased). */
    // The whole call, token included (each of which is also bounded by pathways.consent.standing.timeout). Operators
    // may change it with org.pathways.consent.client.ReferralStandingClient/ask/Timeout/value (milliseconds).
    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @CircuitBreakerName(BREAKER)
    @Fallback(Unavailable.class)
    public Optional<Standing> ask(UUID subjectId, UUID organisationId, String userId, Collection<String> roles) {
        if ("none".equals(referralUrl)) throw unavailable("not configured");
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("subjectId", subjectId);
            body.put("organisationId", organisationId);
            body.put("userId", userId);
            body.put("roles", List.copyOf(roles));
            HttpRequest request = HttpRequest.newBuilder(URI.create(referralUrl.replaceAll("/$", "") + "/internal/subject-standing"))
                    .timeout(timeout).header("Authorization", "Bearer " + token.get(timeout))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 200) return Optional.of(parse(json.readTree(response.body())));
            if (status == 404) return Optional.empty();
            if (status == 401) token.forget(); // expired or revoked: a new one next time
            throw unavailable("answered " + status);
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw unavailable(e.getClass().getSimpleName());
        }
    }

    static Standing parse(JsonNode n) {
        String lead = n.path("leadWorkerUserId").asText(null);
        UUID leadId = null;
        try {
            if (lead != null) leadId = UUID.fromString(lead);
        } catch (IllegalArgumentException e) {
            leadId = null; // not a user id this service can name in an event
        }
        return new Standing(UUID.fromString(n.path("subjectId").asText()),
                UUID.fromString(n.path("registeringOrganisationId").asText()), leadId,
                n.path("restricted").asBoolean(), n.path("version").asLong(), n.path("visible").asBoolean(false),
                Standing.Relation.valueOf(n.path("relation").asText("NONE")));
    }

    /** Whatever failed (a timeout, an open circuit, an error answer): the request is a 503, nothing read or changed. */
    public static class Unavailable implements FallbackHandler<Optional<Standing>> {
        @Override
        public Optional<Standing> handle(ExecutionContext context) {
            Throwable failure = context.getFailure();
            if (failure instanceof ProblemException p) throw p;
            throw unavailable(failure == null ? "unknown" : failure.getClass().getSimpleName());
        }
    }

    static ProblemException unavailable(String why) {
        LOG.warnf("referral-service unavailable for a subject's standing (%s)", why);
        return new ProblemException(Problem.of(503, "referral-service-unavailable", "Service Unavailable",
                "Whether you may see her cannot be checked right now (referral-service did not answer); nothing was"
                        + " read or changed. Try again shortly."));
    }
}
