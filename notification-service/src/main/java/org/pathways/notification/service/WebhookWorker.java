package org.pathways.notification.service;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pathways.platform.background.BackgroundWorker;
import org.pathways.platform.tracing.TraceContext;
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
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Delivers webhook events (ADR 0042): Standard Webhooks headers and signature, one delivery in flight per subscription
 * and referral so order holds, exponential backoff with jitter between attempts, and after {@code retry-for} without
 * success the delivery fails, the subscription is disabled and the organisation's admins get an inbox entry. Rows are
 * claimed under a lease (ADR 0087) and sent outside any transaction: each attempt has a hard deadline ({@code timeout},
 * connection to last byte), its outcome is recorded as soon as it ends, and the worker claims more while attempts are
 * in flight, so a receiver that never answers (or trickles bytes) holds up nothing but its own referral's queue. Each attempt
 * checks the URL again (ADR 0048) and connects to the very address that was checked: the Vert.x client is handed the
 * checked socket address and never resolves the name itself, while the Host header and the TLS name (SNI, hostname
 * verification) stay the URL's host.
 */
@ApplicationScoped
public class WebhookWorker extends BackgroundWorker {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);

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

    @Inject
    Vertx vertx;

    @Inject
    OpenTelemetry openTelemetry;

    private volatile HttpClient http;

    @ConfigProperty(name = "pathways.webhooks.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "pathways.webhooks.poll-interval", defaultValue = "2s")
    Duration poll;

    @ConfigProperty(name = "pathways.webhooks.backoff-initial", defaultValue = "10s")
    Duration backoffInitial;

    @ConfigProperty(name = "pathways.webhooks.backoff-max", defaultValue = "1h")
    Duration backoffMax;

    /** The whole attempt, connecting to the last byte of the answer: a receiver that trickles bytes is cut off too. */
    @ConfigProperty(name = "pathways.webhooks.timeout", defaultValue = "10s")
    Duration timeout;

    @ConfigProperty(name = "pathways.webhooks.connect-timeout", defaultValue = "5s")
    Duration connectTimeout;

    @ConfigProperty(name = "pathways.webhooks.batch-size", defaultValue = "50")
    int batchSize;

    void start(@Observes StartupEvent e) {
        if (!enabled) return;
        // No redirects (a 3xx is an answer, not a new target); TLS checks the URL's host name and sends it as SNI.
        http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) connectTimeout.toMillis())
                .setVerifyHost(true).setForceSni(true));
        begin("webhook-worker");
    }

    void stop(@Observes ShutdownEvent e) {
        end();
        if (http != null) http.close();
    }

    @Override
    protected Duration pollInterval() {
        return poll;
    }

    private record Outcome(Delivery delivery, Integer status, String error, int millis) {
    }

    /** Attempts sent and not yet recorded (at most {@code batch-size}), and the outcomes waiting to be recorded. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Outcome> finished = new ConcurrentLinkedQueue<>();

    /**
     * Records the attempts that ended, then claims as many due deliveries as there is room for and starts them without
     * waiting: an attempt's end wakes the loop again. Nothing waits on a receiver here, so one that never answers holds
     * up no other delivery (before, the whole batch waited for its slowest receiver, a trickling one for ever).
     */
    @Override
    protected boolean runOnce() {
        List<Outcome> done = new ArrayList<>();
        for (Outcome o; (o = finished.poll()) != null; ) done.add(o);
        if (!done.isEmpty()) {
            List<Notification> toPublish = new ArrayList<>();
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    for (Outcome o : done) record(o, toPublish);
                });
            } catch (RuntimeException e) {
                finished.addAll(done); // recorded by the next batch (the back-off keeps a database outage from being hammered)
                throw e;
            }
            inFlight.addAndGet(-done.size());
            live.publish(toPublish);
        }
        int room = batchSize - inFlight.get();
        if (room <= 0) return false;
        // The lease outlasts the attempt's deadline, so a row is retried by another claim only if this worker died.
        // Started inside the claim's short transaction (the subscription is read there); nothing waits for an answer.
        // An attempt that ends before the commit is recorded by a later batch, after it.
        int claimed = QuarkusTransaction.requiringNew().call(() -> {
            List<Delivery> due = repo.claimDue(room, timeout.multipliedBy(2).plusSeconds(30));
            inFlight.addAndGet(due.size());
            for (Delivery d : due) {
                CompletableFuture<Outcome> attempt;
                try {
                    attempt = send(d);
                } catch (RuntimeException e) {
                    attempt = CompletableFuture.completedFuture(new Outcome(d, null, "io-error", 0));
                }
                attempt.whenComplete((o, t) -> {
                    finished.add(o != null ? o : new Outcome(d, null, "io-error", 0));
                    wake();
                });
            }
            return due.size();
        });
        return claimed == room;
    }

    private CompletableFuture<Outcome> send(Delivery d) {
        Optional<Subscription> sub = repo.find(d.subscriptionId());
        if (sub.isEmpty()) return CompletableFuture.completedFuture(new Outcome(d, null, "no-subscription", 0));
        UrlGuard.Checked checked = guard.check(sub.get().url());
        if (!checked.allowed()) return CompletableFuture.completedFuture(new Outcome(d, null, checked.refusal(), 0));
        UrlGuard.Target target = checked.target();
        long timestamp = System.currentTimeMillis() / 1000;
        String signature;
        try {
            signature = new Webhook(sub.get().secret()).sign(d.eventId(), timestamp, d.payload());
        } catch (Exception e) {
            return CompletableFuture.completedFuture(new Outcome(d, null, "signing-failed", 0));
        }
        String host = target.uri().getHost();
        if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/" : target.uri().getRawPath();
        if (target.uri().getRawQuery() != null) path += "?" + target.uri().getRawQuery();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(target.port())
                .setSsl(target.tls()).setURI(path).setFollowRedirects(false)
                // The checked address: the client connects here and does not look the name up again.
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), target.port())))
                .setConnectTimeout(connectTimeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("webhook-id", d.eventId())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signature);
        // In the trace of the event that caused it (ADR 0077): a client span, and its traceparent for the receiver.
        Span span = deliverySpan(d);
        TraceContext trace = span == null ? null : TraceContext.of(Context.root().with(span));
        if (trace != null) {
            request.putHeader(TraceContext.TRACEPARENT, trace.traceparent());
            if (trace.tracestate() != null) request.putHeader(TraceContext.TRACESTATE, trace.tracestate());
        }
        long t0 = System.nanoTime();
        CompletableFuture<Outcome> out = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        AtomicBoolean over = new AtomicBoolean();
        java.util.function.Consumer<AsyncResult<Integer>> finish = ar -> {
            if (!over.compareAndSet(false, true)) return;
            if (span != null) {
                if (ar.succeeded()) span.setAttribute("http.response.status_code", ar.result());
                if (ar.failed() || ar.result() / 100 != 2) span.setStatus(StatusCode.ERROR);
                span.end();
            }
            int ms = (int) ((System.nanoTime() - t0) / 1_000_000);
            if (ar.failed()) {
                out.complete(new Outcome(d, null, errorCode(ar.cause()), ms));
            } else {
                int status = ar.result();
                out.complete(new Outcome(d, status, status / 100 == 2 ? null : "http-status", ms));
            }
        };
        // The deadline of the whole attempt: the request is reset (its connection closed) and the attempt is a timeout.
        // (over is set before the request is read here and read after it is set there: one of the two resets it.)
        long timer = vertx.setTimer(timeout.toMillis(), id -> {
            finish.accept(Future.failedFuture(new TimeoutException("webhook attempt deadline")));
            HttpClientRequest req = sent.get();
            if (req != null) req.reset(0, new TimeoutException("webhook attempt deadline"));
        });
        http.request(request)
                .compose(req -> {
                    sent.set(req);
                    if (over.get()) { // connected after the deadline: nothing is sent
                        req.reset(0);
                        return Future.failedFuture(new TimeoutException("webhook attempt deadline"));
                    }
                    return req.send(Buffer.buffer(d.payload()));
                })
                .compose(resp -> {
                    resp.handler(chunk -> { }); // the body is read and dropped
                    return resp.end().map(v -> resp.statusCode());
                })
                .onComplete(ar -> {
                    vertx.cancelTimer(timer);
                    finish.accept(ar);
                });
        return out;
    }

    /** A CLIENT span under the delivery's stored trace context; null for a delivery made outside a trace. */
    private Span deliverySpan(Delivery d) {
        if (d.traceParent() == null) return null;
        Context parent = TraceContext.extract(d.traceParent(), d.traceState());
        if (!Span.fromContext(parent).getSpanContext().isValid()) return null;
        // No URL, host or address as an attribute: a partner's endpoint is theirs; ids and codes only.
        return openTelemetry.getTracer("org.pathways.notification.webhooks").spanBuilder("webhook deliver")
                .setParent(parent).setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", "POST")
                .setAttribute("pathways.webhook.delivery", d.id().toString())
                .setAttribute("pathways.event.type", d.eventType())
                .setAttribute("pathways.webhook.attempt", d.attempts() + 1L)
                .startSpan();
    }

    private static String errorCode(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof io.netty.channel.ConnectTimeoutException) return "connect-timeout";
        if (c instanceof TimeoutException) return "timeout";
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
