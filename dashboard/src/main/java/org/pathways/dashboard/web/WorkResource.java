package org.pathways.dashboard.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        return t.data("fingerprint", Json.fingerprint(in, out));
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
        return Uni.createFrom().completionStage(in.thenCombine(out, (a, b) ->
                a.statusCode() == 401 || b.statusCode() == 401 ? "refused"
                        : Json.fingerprint(a.statusCode() == 200 ? a.body() : null, b.statusCode() == 200 ? b.body() : null)))
                .onFailure().recoverWithItem(""); // a service briefly away: try again on the next tick
    }

    private CompletableFuture<HttpResponse<String>> get(String token, String path) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(referralUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        return HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString());
    }

    private static final class TokenRefused extends RuntimeException {
        TokenRefused() {
            super("token refused", null, false, false);
        }
    }
}
