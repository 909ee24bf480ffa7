package org.pathways.notification.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pathways.contracts.vocab.Roles;
import org.pathways.notification.client.KeycloakUsers;
import org.pathways.notification.client.LookupUnavailableException;
import org.pathways.notification.domain.Delivery;
import org.pathways.notification.domain.Notification;
import org.pathways.notification.domain.Recipient;
import org.pathways.notification.domain.Subscription;
import org.pathways.notification.repository.NotificationRepository;
import org.pathways.notification.repository.WebhookRepository;
import org.pathways.notification.security.UrlGuard;

import com.standardwebhooks.Webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Delivers webhook events (ADR 0042): Standard Webhooks headers and signature, one delivery in flight per subscription
 * and referral so order holds, exponential backoff with jitter between attempts, and after {@code retry-for} without
 * success the delivery fails, the subscription is disabled and the organisation's admins get an inbox entry. Claimed
 * rows stay locked while their batch is sent, so two instances never send the same delivery at once.
 */
@ApplicationScoped
public class WebhookWorker extends BackgroundWorker {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    WebhookRepository repo;

    @Inject
    NotificationRepository notifications;

    @Inject
    KeycloakUsers users;

    @Inject
    LiveUpdates live;

    @Inject
    UrlGuard guard;

    @ConfigProperty(name = "pathways.webhooks.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "pathways.webhooks.poll-interval", defaultValue = "2s")
    Duration poll;

    @ConfigProperty(name = "pathways.webhooks.backoff-initial", defaultValue = "10s")
    Duration backoffInitial;

    @ConfigProperty(name = "pathways.webhooks.backoff-max", defaultValue = "1h")
    Duration backoffMax;

    @ConfigProperty(name = "pathways.webhooks.timeout", defaultValue = "10s")
    Duration timeout;

    @ConfigProperty(name = "pathways.webhooks.batch-size", defaultValue = "50")
    int batchSize;

    void start(@Observes StartupEvent e) {
        if (enabled) begin("webhook-worker");
    }

    void stop(@Observes ShutdownEvent e) {
        end();
    }

    @Override
    protected Duration pollInterval() {
        return poll;
    }

    private record Outcome(Delivery delivery, Integer status, String error, int millis) {
    }

    @Override
    protected boolean runOnce() {
        List<Notification> toPublish = new ArrayList<>();
        boolean more = QuarkusTransaction.requiringNew().call(() -> {
            List<Delivery> due = repo.claimDue(batchSize);
            List<CompletableFuture<Outcome>> sending = new ArrayList<>();
            for (Delivery d : due) sending.add(send(d));
            for (CompletableFuture<Outcome> f : sending) record(f.join(), toPublish);
            return due.size() == batchSize;
        });
        live.publish(toPublish);
        return more;
    }

    private CompletableFuture<Outcome> send(Delivery d) {
        Optional<Subscription> sub = repo.find(d.subscriptionId());
        if (sub.isEmpty()) return CompletableFuture.completedFuture(new Outcome(d, null, "no-subscription", 0));
        Optional<String> refused = guard.refusal(sub.get().url());
        if (refused.isPresent()) return CompletableFuture.completedFuture(new Outcome(d, null, refused.get(), 0));
        long timestamp = System.currentTimeMillis() / 1000;
        String signature;
        try {
            signature = new Webhook(sub.get().secret()).sign(d.eventId(), timestamp, d.payload());
        } catch (Exception e) {
            return CompletableFuture.completedFuture(new Outcome(d, null, "signing-failed", 0));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(sub.get().url())).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", d.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8)).build();
        long t0 = System.nanoTime();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((r, t) -> {
                    int ms = (int) ((System.nanoTime() - t0) / 1_000_000);
                    if (t != null) return new Outcome(d, null, errorCode(t), ms);
                    return new Outcome(d, r.statusCode(), r.statusCode() / 100 == 2 ? null : "http-status", ms);
                });
    }

    private static String errorCode(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof java.net.http.HttpTimeoutException) return "timeout";
        if (c instanceof java.net.ConnectException) return "connect-failed";
        return "io-error";
    }

    private void record(Outcome o, List<Notification> toPublish) {
        Delivery d = o.delivery();
        int attempt = d.attempts() + 1;
        repo.recordAttempt(d.id(), attempt, o.status(), o.error(), o.millis());
        if (o.error() == null) {
            repo.delivered(d.id(), o.status());
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime next = now.plus(backoff(attempt));
        boolean giveUp = next.isAfter(d.giveUpAt());
        repo.failedAttempt(d.id(), o.status(), o.error(), next, giveUp);
        LOG.infof("webhook delivery %s attempt %d failed (%s%s)%s", d.id(), attempt, o.error(),
                o.status() == null ? "" : " " + o.status(), giveUp ? "; giving up" : "");
        if (giveUp && repo.disable(d.subscriptionId(), "DELIVERY_FAILED")) {
            toPublish.addAll(tellAdmins(d));
        }
    }

    /** Exponential backoff with "equal jitter": half the step fixed, half random, capped. */
    Duration backoff(int attempt) {
        long base = backoffInitial.toMillis() << Math.min(attempt - 1, 30);
        long capped = Math.min(Math.max(base, 1), backoffMax.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private List<Notification> tellAdmins(Delivery d) {
        Subscription s = repo.find(d.subscriptionId()).orElseThrow();
        List<Recipient> to = new ArrayList<>();
        try {
            users.withRoles(s.organisationId(), java.util.Set.of(Roles.ORG_ADMIN)).forEach(u -> to.add(Recipient.user(u)));
        } catch (LookupUnavailableException e) {
            // Keycloak unreachable: the organisation mailbox still hears of it.
        }
        if (to.isEmpty()) to.add(Recipient.mailbox(s.organisationId()));
        List<Notification> created = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String eventId = "webhook-disabled:" + s.id() + ":" + s.version();
        for (Recipient r : to) {
            Notification n = new Notification(UUID.randomUUID(), r, "WEBHOOK_DISABLED", eventId, "pathways.webhook.disabled",
                    s.id().toString(), null, "DISABLED", null, now, null);
            if (notifications.insert(n)) created.add(n);
        }
        LOG.infof("webhook subscription %s disabled after persistent delivery failure", s.id());
        return created;
    }

}
