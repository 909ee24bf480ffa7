package org.pathways.referral.client;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.pathways.platform.client.Dependency;

import org.pathways.referral.directory.DirectoryReadModel;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The calls referral-service makes to directory-service and consent-service, with their failures turned into
 * problems. Directory facts are read from the directory read model first (ADR 0061); consent is asked live every time,
 * never held: an unknown id is an empty answer; a dependency that is down, slow or refuses us is a 503 (never a 500, and
 * the caller's action stores nothing). Logs name the dependency and the failure type only.
 */
@ApplicationScoped
public class DirectoryAndConsent {

    private static final Logger LOG = Logger.getLogger(DirectoryAndConsent.class);

    @Inject
    @RestClient
    DirectoryClient directory;

    @Inject
    @RestClient
    ConsentClient consent;

    @Inject
    DirectoryReadModel model;

    @Inject
    MeterRegistry metrics;

    @Inject
    Dependencies dependencies;

    /**
     * The routing of a directory service, or empty if the directory does not know it: from the directory read model when it
     * holds it (kept current from directory.events, ADR 0061), otherwise asked of directory-service and stored.
     */
    public Optional<DirectoryClient.Routing> routing(UUID serviceId) {
        Optional<DirectoryClient.Routing> held = model.routing(serviceId);
        count("routing", held.isPresent());
        if (held.isPresent()) return held;
        long epoch = model.epoch();
        Optional<DirectoryClient.Routing> live = liveRouting(serviceId);
        live.ifPresent(r -> store(() -> model.storeRouting(serviceId, r, epoch)));
        return live;
    }

    private Optional<DirectoryClient.Routing> liveRouting(UUID serviceId) {
        return dependencies.directory().call(() -> Optional.ofNullable(directory.routing(serviceId)), Optional::empty);
    }

    /**
     * The current data sharing agreements both organisations are parties to (empty: none, or an organisation unknown): from
     * the directory read model when it holds today's answer for the pair (ADR 0061), otherwise asked and stored.
     */
    public List<DirectoryClient.Agreement> agreements(UUID organisationA, UUID organisationB) {
        Optional<DirectoryClient.Sharing> held = model.sharing(organisationA, organisationB);
        count("data-sharing", held.isPresent());
        if (held.isPresent()) return agreementsOf(held.get());
        long epoch = model.epoch();
        DirectoryClient.Sharing live = liveSharing(organisationA, organisationB);
        if (live == null) return List.of(); // an organisation the directory does not know: not stored, it may be added
        store(() -> model.storeSharing(organisationA, organisationB, live, epoch));
        return agreementsOf(live);
    }

    private static List<DirectoryClient.Agreement> agreementsOf(DirectoryClient.Sharing s) {
        return !s.shared() || s.agreements() == null ? List.of() : s.agreements();
    }

    /** The live answer; null for a 404 (an organisation unknown). */
    private DirectoryClient.Sharing liveSharing(UUID organisationA, UUID organisationB) {
        return dependencies.directory().call(() -> {
            DirectoryClient.Sharing s = directory.dataSharing(organisationA, organisationB);
            return s == null ? new DirectoryClient.Sharing(organisationA, organisationB, false, List.of()) : s;
        }, () -> null);
    }

    /**
     * consent-service's decisions, one answer per question in order. A subject consent-service does not know (yet) has
     * no consent: every question is answered "all denied".
     */
    public List<ConsentClient.Answer> decide(List<ConsentClient.Question> questions) {
        return dependencies.consent().call(() -> {
            ConsentClient.BatchAnswer a = consent.batch(new ConsentClient.BatchQuestion(questions));
            if (a == null || a.decisions() == null || a.decisions().size() != questions.size()) {
                throw new Dependency.Unavailable("answer does not match the questions");
            }
            return a.decisions();
        }, () -> questions.stream().map(q -> new ConsentClient.Answer(q.subjectId(), q.purpose(), List.of(), q.categories())).toList());
    }

    /** Storing is an optimisation: a failure to store leaves the answer (already live) to this request only. */
    private static void store(java.util.function.BooleanSupplier write) {
        try {
            write.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warnf("directory read model: answer not stored (%s)", e.getClass().getName());
        }
    }

    private void count(String fact, boolean held) {
        metrics.counter("pathways_referral_directory_model_reads_total", "fact", fact, "outcome", held ? "held" : "asked").increment();
    }

}
