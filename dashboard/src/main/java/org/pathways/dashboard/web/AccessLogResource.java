package org.pathways.dashboard.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.pathways.contracts.vocab.Roles;
import org.pathways.dashboard.api.ConsentApi;
import org.pathways.dashboard.api.ReferralApi;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.AccessLogView;
import org.pathways.dashboard.view.Nav;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;

/**
 * Her access log (issue 15, screen 6; ADR 0068): who read or changed her information, when and why, in plain language
 * with organisation names, printable to show her. From referral-service's access audit (her record, summary, referrals)
 * and, for her registering organisation's privacy officers, consent-service's (her consents, receipts, overrides) —
 * each with the user's own token, so the services decide who may read it. The address carries her case reference
 * sealed for this sign-in (CaseRefs), never her subject id.
 */
@Path("/access-log")
@Authenticated
public class AccessLogResource {

    /** At most this many entries are read (five pages of referral-service's largest). */
    static final int LIMIT = 1000;
    static final int PAGES = 5;

    @Inject
    @RestClient
    ReferralApi referrals;

    @Inject
    @RestClient
    ConsentApi consents;

    @Inject
    Directory directory;

    @Inject
    CurrentUser user;

    @Inject
    @Location("access-log.html")
    Template page;

    @Inject
    HerCaseRefs refs;

    @Inject
    Pages pages;

    /** Who may open her access log here: the roles referral-service lets read it. */
    public static boolean mayRead(java.util.Set<String> roles) {
        return Nav.mayUseCases(roles) || roles.contains(Roles.PRIVACY_OFFICER);
    }

    @GET
    @Path("{ref}")
    @Produces(MediaType.TEXT_HTML)
    public Response log(@PathParam("ref") String ref) {
        if (!mayRead(user.roles())) {
            return pages.error(403, "Her access log is for her organisation's staff", "Your role does not include it.");
        }
        Optional<String> subject = refs.open(ref);
        if (subject.isEmpty()) return pages.notFound();
        String id = subject.get();
        List<Map<String, Object>> entries = new ArrayList<>();
        Long after = null;
        boolean partial = false;
        for (int p = 0; p < PAGES; p++) {
            final Long from = after;
            try (Response r = Calls.answer(() -> referrals.accessLog(id, from, LIMIT))) {
                if (r.getStatus() == 404 || r.getStatus() == 403) return pages.notFound();
                if (r.getStatus() != 200) throw new ServiceUnavailable("referral-service answered " + r.getStatus() + " for an access log");
                Map<String, Object> body = Json.map(r);
                entries.addAll(Json.list(body.get("entries")));
                after = body.get("nextAfter") instanceof Number n ? n.longValue() : null;
                if (after == null) break;
                partial = p == PAGES - 1;
            }
        }
        List<AccessLogView.Line> consentLines = List.of();
        boolean consentShown = false;
        if (user.has(Roles.PRIVACY_OFFICER)) {
            // consent-service shows its log to her registering organisation's privacy officers only (others 403/404).
            try (Response r = Calls.answer(() -> consents.accessLog(id, null, 200))) {
                if (r.getStatus() == 200) {
                    consentLines = AccessLogView.consent(Json.list(Json.map(r).get("entries")), directory::organisationName);
                    consentShown = true;
                } else if (r.getStatus() >= 500) {
                    throw new ServiceUnavailable("consent-service answered " + r.getStatus() + " for an access log");
                }
            }
        }
        return Response.ok(page.data("lines", AccessLogView.record(entries, directory::organisationName)).data("partial", partial)
                .data("consentLines", consentLines).data("consentShown", consentShown).data("reference", id).render(),
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }
}
