package org.pathways.notification.service;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathways.contracts.events.EventTypes;
import org.pathways.notification.domain.Delivery;
import org.pathways.notification.domain.Subscription;
import org.pathways.notification.repository.WebhookRepository;
import org.pathways.notification.security.UrlGuard;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;

/** Webhook subscriptions of one organisation, managed by its org-admins; other organisations' are 404. */
@ApplicationScoped
public class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    WebhookRepository repo;

    @Inject
    UrlGuard guard;

    @Inject
    WebhookWorker worker;

    @ConfigProperty(name = "pathways.webhooks.retry-for", defaultValue = "P1D")
    Duration retryFor;

    @Transactional
    public Subscription create(UUID org, String url, List<String> types) {
        List<String> checked = validate(url, types);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Subscription s = new Subscription(UUID.randomUUID(), org, url, "whsec_" + Base64.getEncoder().encodeToString(key),
                checked, true, null, now, now, 0);
        repo.insert(s);
        return s;
    }

    @Transactional
    public List<Subscription> list(UUID org) {
        return repo.ofOrganisation(org);
    }

    @Transactional
    public Subscription get(UUID org, UUID id) {
        return repo.find(id).filter(s -> s.organisationId().equals(org)).orElseThrow(() -> ProblemException.notFound("Subscription"));
    }

    /** Replaces URL, types and the active flag; re-enabling puts failed deliveries back in the queue, in order. */
    @Transactional
    public Subscription update(UUID org, UUID id, String url, List<String> types, boolean active) {
        Subscription s = get(org, id);
        List<String> checked = validate(url, types);
        repo.update(id, url, checked, active);
        if (active && !s.active()) repo.requeue(id, null, OffsetDateTime.now(ZoneOffset.UTC).plus(retryFor));
        worker.wake();
        return repo.find(id).orElseThrow();
    }

    @Transactional
    public void delete(UUID org, UUID id) {
        get(org, id);
        repo.delete(id);
    }

    @Transactional
    public List<WebhookDeliveryLog> deliveries(UUID org, UUID id, int page, int size) {
        get(org, id);
        List<WebhookDeliveryLog> out = new ArrayList<>();
        for (Delivery d : repo.deliveries(id, page * size, size)) out.add(new WebhookDeliveryLog(d, repo.attempts(d.id())));
        return out;
    }

    @Transactional
    public WebhookDeliveryLog redeliver(UUID org, UUID id, UUID deliveryId) {
        get(org, id);
        repo.delivery(id, deliveryId).orElseThrow(() -> ProblemException.notFound("Delivery"));
        repo.requeue(id, deliveryId, OffsetDateTime.now(ZoneOffset.UTC).plus(retryFor));
        Delivery d = repo.delivery(id, deliveryId).orElseThrow();
        return new WebhookDeliveryLog(d, repo.attempts(deliveryId));
    }

    public void wakeWorker() {
        worker.wake();
    }

    public record WebhookDeliveryLog(Delivery delivery, List<WebhookRepository.Attempt> attempts) {
    }

    /** The field message for a guard refusal: the class of address found, never the address itself (ADR 0048). */
    static String refusalMessage(String reason) {
        if (reason.endsWith("-address")) {
            String cls = reason.substring(0, reason.length() - "-address".length());
            return "must resolve only to public addresses, not to a loopback, private, link-local, multicast, broadcast, "
                    + "reserved or this server's own address (found: " + cls + ")";
        }
        if (reason.equals("unresolvable-host")) return "host cannot be resolved";
        return "cannot be checked now";
    }

    private List<String> validate(String url, List<String> types) {
        List<Problem.FieldError> errors = new ArrayList<>();
        UrlGuard.shapeProblem(url).ifPresent(m -> errors.add(new Problem.FieldError("url", m)));
        if (errors.isEmpty()) {
            guard.refusal(url).ifPresent(reason -> errors.add(new Problem.FieldError("url", refusalMessage(reason))));
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < types.size(); i++) {
            String t = types.get(i);
            if (!EventTypes.isKnown(t)) errors.add(new Problem.FieldError("eventTypes[" + i + "]", "is not a known event type"));
            else unique.add(t);
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("The subscription has invalid fields.", errors);
        return List.copyOf(unique);
    }
}
