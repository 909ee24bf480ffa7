package org.pathways.dashboard.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.pathways.contracts.vocab.NeedCode;
import org.pathways.dashboard.api.SelfReferralApi;
import org.pathways.dashboard.security.AnonymousCsrf;
import org.pathways.dashboard.security.CsrfForm;
import org.pathways.dashboard.view.FieldError;
import org.pathways.dashboard.view.Inputs;
import org.pathways.dashboard.view.SectionForms;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.HttpServerRequest;

/**
 * "Ask for help" (issue 15 screen 8, ADR 0089): a woman asks the partnership for help herself, with no login. One page of
 * questions; nothing is kept before she sends (no session, nothing in the URL: her answers travel in the form post only,
 * and come back in the page when something needs changing). The confirmation shows her reference once, in the answer to
 * the post (never a redirect carrying it). Works without JavaScript; CSRF by a path-scoped cookie and an HMAC token
 * ({@link AnonymousCsrf}); the page, like every page, is never cached and has the quick exit.
 */
@Path("/self-referral")
public class SelfReferralResource {

    static final String PATH = "/self-referral";

    @Inject
    @Location("self-referral.html")
    Template page;

    @Inject
    @Location("error.html")
    Template error;

    @Inject
    @RestClient
    SelfReferralApi api;

    @Inject
    HttpServerRequest request;

    // Optional: an empty default counts as missing in MicroProfile Config and would stop the dashboard starting.
    @ConfigProperty(name = "pathways.dashboard.self-referral.service-id")
    java.util.Optional<String> serviceId;

    @ConfigProperty(name = "pathways.dashboard.self-referral.partnership-id")
    java.util.Optional<String> partnershipId;

    private final AnonymousCsrf csrf;

    @Inject
    SelfReferralResource(@ConfigProperty(name = "pathways.dashboard.csrf-secret") String secret) {
        this.csrf = new AnonymousCsrf(secret);
    }

    /** The demo partnership's Connector (FWT, Coventry) unless configured: the ids the demo data names. */
    String service() {
        return serviceId.filter(s -> !s.isBlank()).orElseGet(() -> demoId("service:fwt-connector"));
    }

    String partnership() {
        return partnershipId.filter(s -> !s.isBlank()).orElseGet(() -> demoId("partnership:coventry"));
    }

    static String demoId(String key) {
        return UUID.nameUUIDFromBytes(("pathways-demo:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response form() {
        String nonce = AnonymousCsrf.newNonce();
        return html(200, form(Map.of(), Map.of(), List.of(), nonce), nonce);
    }

    @POST
    @CsrfForm
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response send(@RestForm("csrf") String token, @CookieParam(AnonymousCsrf.COOKIE) String nonce,
            @RestForm("needs") List<String> needs, @RestForm("inHerWords") String words, @RestForm("alias") String alias,
            @RestForm("contactMethods") List<String> methods, @RestForm("phone") String phone, @RestForm("email") String email,
            @RestForm("safeTimes") String safeTimes, @RestForm("messageMayBeLeft") String message) {
        if (!csrf.matches(token, nonce)) {
            return Response.status(403).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(error.data("heading",
                    "This form has expired").data("message", "Go back to the start of the page and try again. Nothing was sent.")
                    .data("status", 403).render()).build();
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("needs", needs == null ? List.of() : needs);
        values.put("inHerWords", one(words));
        values.put("alias", one(alias));
        values.put("contactMethods", methods == null ? List.of() : methods);
        values.put("phone", one(phone));
        values.put("email", one(email));
        values.put("safeTimes", one(safeTimes));
        values.put("messageMayBeLeft", one(message));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("serviceId", service());
        body.put("partnershipId", partnership());
        body.put("needs", values.get("needs"));
        body.put("inHerWords", blankToNull(words));
        body.put("alias", blankToNull(alias));
        body.put("contactMethods", values.get("contactMethods"));
        body.put("phone", blankToNull(phone));
        body.put("email", blankToNull(email));
        body.put("safeTimes", blankToNull(safeTimes));
        body.put("messageMayBeLeft", "yes".equals(message) ? Boolean.TRUE : "no".equals(message) ? Boolean.FALSE : null);

        Response r;
        try {
            r = api.send(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(), body);
        } catch (ProcessingException e) {
            return problemPage(503, "Sorry, there is a problem", "Your request could not be sent. Nothing was sent. Please try again later.");
        }
        try (r) {
            if (r.getStatus() == 202) {
                String reference = String.valueOf(Json.map(r).get("reference"));
                // A new nonce: posting the same form again (reload, back) is refused rather than sent twice.
                String fresh = AnonymousCsrf.newNonce();
                return html(200, page.data("sent", true).data("reference", reference).data("inputs", List.of())
                        .data("errors", List.of()).data("csrfToken", "").render(), fresh);
            }
            if (r.getStatus() == 400) {
                Refusal refusal = Refusal.of(r, (field, msg) -> new FieldError(field, message(field, msg)),
                        "Some answers need changing.");
                return html(400, form(values, refusal.atFields, refusal.errors, nonce), nonce);
            }
            if (r.getStatus() == 429) {
                return problemPage(429, "Please try again later", "Too many requests have been sent. Nothing was sent this time. "
                        + "Please try again in an hour, or if you are in danger call 999.");
            }
            return problemPage(503, "Sorry, there is a problem", "Your request could not be sent. Nothing was sent. Please try again later.");
        }
    }

    /** What to do, in her terms, for each field the service refused. */
    static String message(String field, String serviceMessage) {
        return switch (field) {
            case "needs" -> "Choose what you would like help with (up to 10 things)";
            case "inHerWords" -> serviceMessage.contains("at most") ? "Tell us in 2,000 characters or fewer" : "Tell us a little about what is happening";
            case "alias" -> "The name to ask for must be 60 characters or fewer";
            case "contactMethods" -> "Choose how we can contact you";
            case "phone" -> serviceMessage.startsWith("is required") ? "Enter a phone number we can call or text"
                    : "Enter a phone number, like 07700 900 982";
            case "email" -> serviceMessage.startsWith("is required") ? "Enter an email address" : "Enter an email address, like name@example.com";
            case "safeTimes" -> "Safe times must be 200 characters or fewer";
            case "messageMayBeLeft" -> "Say whether we may leave a message";
            default -> "Some answers need changing";
        };
    }

    private String form(Map<String, List<String>> values, Map<String, String> fieldErrors, List<FieldError> errors, String nonce) {
        List<SectionForms.Option> needOptions = Arrays.stream(NeedCode.values()).filter(n -> n.parent() == null)
                .map(n -> new SectionForms.Option(n.code(), n.label())).toList();
        List<Inputs.Input> inputs = new ArrayList<>();
        inputs.add(Inputs.of("needs", "What would you like help with?", "Choose all that apply.", "CHECKBOXES", needOptions,
                values.get("needs"), false, fieldErrors));
        inputs.add(Inputs.of("inHerWords", "Tell us what is happening, in your own words",
                "Only the partnership's coordinator reads this. Up to 2,000 characters.", "TEXTAREA", List.of(), values.get("inHerWords"),
                true, fieldErrors));
        inputs.add(Inputs.of("alias", "What name should we ask for? (optional)", "It does not need to be your real name.", "TEXT",
                List.of(), values.get("alias"), false, fieldErrors));
        inputs.add(Inputs.of("contactMethods", "How can we contact you safely?", "Choose all that are safe.", "CHECKBOXES",
                List.of(new SectionForms.Option("PHONE_CALL", "Phone call"), new SectionForms.Option("SMS", "Text message"),
                        new SectionForms.Option("EMAIL", "Email")), values.get("contactMethods"), false, fieldErrors));
        inputs.add(Inputs.of("phone", "Phone number (if we may call or text)", null, "TEXT", List.of(), values.get("phone"), false, fieldErrors));
        inputs.add(Inputs.of("email", "Email address (if we may email)", null, "TEXT", List.of(), values.get("email"), false, fieldErrors));
        inputs.add(Inputs.of("safeTimes", "When is it safe to contact you? (optional)", "For example, weekday mornings.", "TEXT",
                List.of(), values.get("safeTimes"), false, fieldErrors));
        inputs.add(Inputs.of("messageMayBeLeft", "May we leave a message?", null, "RADIOS", Inputs.yesNo(), values.get("messageMayBeLeft"),
                false, fieldErrors));
        return page.data("sent", false).data("reference", "").data("inputs", inputs).data("errors", errors)
                .data("csrfToken", csrf.tokenFor(nonce)).render();
    }

    private Response html(int status, String body, String nonce) {
        NewCookie cookie = new NewCookie.Builder(AnonymousCsrf.COOKIE).value(nonce).path(PATH).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).secure(request.isSSL()).build();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).cookie(cookie).entity(body).build();
    }

    private Response problemPage(int status, String heading, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(error.data("heading", heading).data("message", message).data("status", status).render()).build();
    }

    private static List<String> one(String v) {
        return v == null ? List.of() : List.of(v);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
