package org.pathways.referral.client;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;

import io.quarkus.oidc.client.OidcClientException;

/**
 * The calls referral-service makes to directory-service and consent-service, with their failures turned into
 * problems: an unknown id is an empty answer; a dependency that is down, slow or refuses us is a 503 (never a 500, and
 * the caller's action stores nothing). Logs name the dependency and the failure type only.
 */
@ApplicationScoped
public class Partners {

    private static final Logger LOG = Logger.getLogger(Partners.class);

    @Inject
    @RestClient
    DirectoryClient directory;

    @Inject
    @RestClient
    ConsentClient consent;

    /** The routing of a directory service, or empty if the directory does not know it. */
    public Optional<DirectoryClient.Routing> routing(UUID serviceId) {
        try {
            return Optional.ofNullable(directory.routing(serviceId));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) return Optional.empty();
            throw unavailable("directory-service", e);
        } catch (ProcessingException | OidcClientException e) {
            throw unavailable("directory-service", e);
        }
    }

    /** The current data sharing agreements both organisations are parties to (empty: none, or an organisation unknown). */
    public List<DirectoryClient.Agreement> agreements(UUID organisationA, UUID organisationB) {
        try {
            DirectoryClient.Sharing s = directory.dataSharing(organisationA, organisationB);
            return s == null || !s.shared() || s.agreements() == null ? List.of() : s.agreements();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) return List.of();
            throw unavailable("directory-service", e);
        } catch (ProcessingException | OidcClientException e) {
            throw unavailable("directory-service", e);
        }
    }

    /**
     * consent-service's decisions, one answer per question in order. A subject consent-service does not know (yet) has
     * no consent: every question is answered "all denied".
     */
    public List<ConsentClient.Answer> decide(List<ConsentClient.Question> questions) {
        try {
            ConsentClient.BatchAnswer a = consent.batch(new ConsentClient.BatchQuestion(questions));
            if (a == null || a.decisions() == null || a.decisions().size() != questions.size()) {
                throw unavailable("consent-service", new IllegalStateException("answer does not match the questions"));
            }
            return a.decisions();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return questions.stream().map(q -> new ConsentClient.Answer(q.subjectId(), q.purpose(), List.of(), q.categories())).toList();
            }
            throw unavailable("consent-service", e);
        } catch (ProcessingException | OidcClientException e) {
            throw unavailable("consent-service", e);
        }
    }

    private static ProblemException unavailable(String dependency, Exception e) {
        LOG.warnf("%s unavailable: %s", dependency, e.getClass().getName());
        return new ProblemException(Problem.of(503, "dependency-unavailable", "Service unavailable",
                "A service this request depends on (" + dependency + ") did not answer; nothing was changed. Try again shortly."));
    }
}
