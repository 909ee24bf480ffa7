package org.pathways.dashboard.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.pathways.dashboard.api.ReferralApi;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.Nav;
import org.pathways.dashboard.view.QueueRow;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * My work: the organisation's incoming queue (SPOC view) and the referrals it sent, updated live. The live stream only
 * says "the queues changed"; htmx then fetches the fragment like any page request, with the user's token.
 */
@Path("/")
@Authenticated
public class WorkResource {

    static final int QUEUE_SIZE = 50;

    @Inject
    @RestClient
    ReferralApi referrals;

    @Inject
    @RestClient
    org.pathways.dashboard.api.NotificationApi notifications;

    @Inject
    org.pathways.dashboard.security.Csrf csrf;

    /** How many of her newest notifications My work shows. */
    static final int NOTIFICATIONS = 10;

    @ConfigProperty(name = "quarkus.rest-client.notification.url")
    String notificationUrl;

    @Inject
    Directory directory;

    @Inject
    CurrentUser user;

    @Inject
    SecurityIdentity identity;

    @Inject
    @Location("work.html")
    Template work;

    @ConfigProperty(name = "quarkus.rest-client.referral.url")
    String referralUrl;

    @ConfigProperty(name = "pathways.dashboard.live.poll-interval", defaultValue = "2s")
    Duration pollInterval;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/work")).build();
    }

    @GET
    @Path("work")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return data(work.instance());
    }

    @GET
    @Path("work/queues")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance queues() {
        return data(work.getFragment("queues").instance());
    }

    private TemplateInstance data(TemplateInstance t) {
        boolean caseRoles = Nav.mayUseCases(user.roles());
        t.data("caseRoles", caseRoles);
        if (!caseRoles) return t;
        Instant now = Instant.now();
        t.data("incomingError", null).data("outgoingError", null); // the template names both (Qute renders strictly)
        String in = null;
        String out = null;
        try (Response r = Calls.answer(() -> referrals.incoming(QUEUE_SIZE))) {
            if (r.getStatus() == 200) {
                in = r.readEntity(String.class);
                t.data("incoming", QueueRow.incoming(Json.list(Json.map(in).get("items")), directory::organisationName, now));
            } else {
                t.data("incomingError", "answer " + r.getStatus()).data("incoming", List.of());
            }
        }
        try (Response r = Calls.answer(() -> referrals.outgoing(QUEUE_SIZE))) {
            if (r.getStatus() == 200) {
                out = r.readEntity(String.class);
                t.data("outgoing", QueueRow.outgoing(Json.list(Json.map(out).get("items")), directory::organisationName, now));
            } else {
                t.data("outgoingError", "answer " + r.getStatus()).data("outgoing", List.of());
            }
        }
        String inbox = null;
        t.data("notificationsError", null);
        try (Response r = Calls.answer(() -> notifications.inbox(0, NOTIFICATIONS))) {
            if (r.getStatus() == 200) {
                inbox = r.readEntity(String.class);
                Map<String, Object> body = Json.map(inbox);
                t.data("notifications", notificationRows(Json.list(body.get("items"))))
                        .data("unread", String.valueOf(body.getOrDefault("unread", 0)));
            } else {
                t.data("notificationsError", "answer " + r.getStatus()).data("notifications", List.of()).data("unread", "0");
            }
        } catch (jakarta.ws.rs.ProcessingException e) {
            // notification-service away: My work still shows the queues
            t.data("notificationsError", "not answering").data("notifications", List.of()).data("unread", "0");
        }
        return t.data("fingerprint", Json.fingerprint(in, out, inbox));
    }

    /** Her notifications as My work lists them: the text, when, unread, and a link to the referral it is about. */
    private static List<Map<String, Object>> notificationRows(List<Map<String, Object>> items) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (Map<String, Object> i : items) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("id", String.valueOf(i.get("id")));
            row.put("text", String.valueOf(i.getOrDefault("text", "")));
            row.put("when", org.pathways.dashboard.view.Dates.moment(i.get("createdAt")));
            row.put("unread", i.get("readAt") == null);
            row.put("referralId", i.get("referralId") == null ? "" : String.valueOf(i.get("referralId")));
            row.put("mailbox", Boolean.TRUE.equals(i.get("organisationMailbox")));
            rows.add(row);
        }
        return rows;
    }

    /** Marks one of her notifications read (plain form post; works without JavaScript). */
    @jakarta.ws.rs.POST
    @Path("work/notifications/{id}/read")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @org.pathways.dashboard.security.CsrfForm
    public Response markRead(@jakarta.ws.rs.PathParam("id") String id, @org.jboss.resteasy.reactive.RestForm("csrf") String token) {
        Response refused = csrf.refusal(token);
        if (refused != null) return refused;
        if (!id.matches("[0-9a-fA-F-]{36}")) return Response.status(404).build();
        try (Response r = Calls.answer(() -> notifications.markRead(id))) {
            if (r.getStatus() >= 500) throw new ServiceUnavailable("notification-service answered " + r.getStatus());
        }
        return Response.seeOther(URI.create("/work#notifications-heading")).build();
    }

    /**
     * Server-sent events: polls the two queue APIs with the user's own token and sends {@code queues} when their answer
     * differs from what the page showed ({@code since}). Ends when the token is refused (the browser reconnects through
     * the sign-in, which refreshes it) or the page goes away.
     */
    @GET
    @Path("work/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> live(@QueryParam("since") String since, @Context Sse sse) {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null || !Nav.mayUseCases(user.roles())) return Multi.createFrom().empty();
        String token = credential.getToken();
        AtomicReference<String> last = new AtomicReference<>(since == null ? "" : since);
        return Multi.createFrom().ticks().every(pollInterval)
                .onItem().transformToUniAndConcatenate(tick -> poll(token))
                .select().where(fp -> {
                    if (fp.equals("refused")) throw new TokenRefused();
                    if (fp.isEmpty()) return false;
                    return !fp.equals(last.getAndSet(fp));
                })
                .map(fp -> sse.newEventBuilder().name("queues").data("changed").build())
                .onFailure(TokenRefused.class).recoverWithCompletion();
    }

    private Uni<String> poll(String token) {
        CompletableFuture<HttpResponse<String>> in = get(token, "/api/queues/incoming?size=" + QUEUE_SIZE);
        CompletableFuture<HttpResponse<String>> out = get(token, "/api/queues/outgoing?size=" + QUEUE_SIZE);
        // Her notifications too: a new one updates the page like a moved referral (notification-service away: none).
        CompletableFuture<HttpResponse<String>> box = get(token, notificationUrl, "/api/inbox?page=0&size=" + NOTIFICATIONS)
                .exceptionally(e -> null);
        return Uni.createFrom().completionStage(in.thenCombine(out, (a, b) -> new HttpResponse[] {a, b}).thenCombine(box, (ab, c) ->
                ab[0].statusCode() == 401 || ab[1].statusCode() == 401 ? "refused"
                        : Json.fingerprint(body(ab[0]), body(ab[1]), c == null ? null : body(c))))
                .onFailure().recoverWithItem(""); // a service briefly away: try again on the next tick
    }

    @SuppressWarnings("unchecked")
    private static String body(HttpResponse<?> r) {
        return r.statusCode() == 200 ? ((HttpResponse<String>) r).body() : null;
    }

    private CompletableFuture<HttpResponse<String>> get(String token, String path) {
        return get(token, referralUrl, path);
    }

    private CompletableFuture<HttpResponse<String>> get(String token, String base, String path) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        return HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString());
    }

    private static final class TokenRefused extends RuntimeException {
        TokenRefused() {
            super("token refused", null, false, false);
        }
    }
}
