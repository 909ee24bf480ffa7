package org.pathways.systemtests;

import static io.restassured.RestAssured.given;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.RequestSpecification;
import org.pathways.stack.testing.StackInfo;
import org.pathways.platform.testing.Tokens;

/**
 * A journey of named steps. A failing step names the journey and the step and shows the HTTP exchanges it made, with
 * every free-text value in the bodies redacted (ids, codes, numbers, booleans and timestamps stay, so the failure is
 * still readable), no tokens and no query strings, so a test report never carries a canary or a token.
 */
final class Journey {

    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    @FunctionalInterface
    interface VoidStep {
        void run() throws Exception;
    }

    private static final int KEPT_EXCHANGES = 6;
    private static final ThreadLocal<Deque<String>> EXCHANGES = ThreadLocal.withInitial(ArrayDeque::new);

    static {
        RestAssured.filters(new RecordingFilter());
    }

    private final String name;
    private int number;

    Journey(String name) {
        this.name = name;
    }

    void step(String title, VoidStep body) {
        step(title, () -> {
            body.run();
            return null;
        });
    }

    <T> T step(String title, Step<T> body) {
        number++;
        EXCHANGES.get().clear();
        try {
            return body.run();
        } catch (Throwable e) {
            StringBuilder m = new StringBuilder().append("Journey \"").append(name).append("\", step ").append(number)
                    .append(" \"").append(title).append("\" failed: ").append(e.getMessage()).append('\n');
            if (EXCHANGES.get().isEmpty()) {
                m.append("  (no HTTP exchange in this step)\n");
            } else {
                m.append("  HTTP exchanges of this step, bodies redacted (latest last):\n");
                EXCHANGES.get().forEach(x -> m.append(x).append('\n'));
            }
            AssertionError error = new AssertionError(m.toString(), e instanceof AssertionError ? null : e);
            error.setStackTrace(e.getStackTrace());
            throw error;
        }
    }

    /** A request as a demo user (real token from the stack's Keycloak), JSON in and out. */
    static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static String url(String service, String path) {
        return StackInfo.serviceUrl(service) + path;
    }

    // A quoted JSON string, and whether a colon follows it (a key). Unrolled and possessive, so a long string does not
    // recurse once per character (a long response body overflowed the stack).
    private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"(\\s*:)?");
    private static final Pattern KEEP = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}" // ids
                    + "|[A-Z][A-Z0-9_]*" // codes and states
                    + "|[a-z][a-z0-9]*(?:-[a-z0-9]+)*" // need codes, roles, purposes in lower case
                    + "|\\d{4}-\\d{2}-\\d{2}(?:T[0-9:.]+(?:Z|[+-]\\d{2}:\\d{2})?)?" // dates and times
                    + "|R-[0-9A-F]{8}|<5|\\d+");

    /** Free text out, structure in: every string value that is not an id, a code, a date or a number is replaced. */
    static String redact(String body) {
        if (body == null || body.isEmpty()) return "";
        Matcher m = STRING.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1);
            boolean key = m.group(2) != null;
            String replacement = key || KEEP.matcher(value).matches() ? m.group() : "\"<redacted " + value.length() + " chars>\"";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        // Cut only after redacting: a cut inside a string would leave it unterminated, so it would not be matched and
        // its text would show.
        return out.length() > 4000 ? out.substring(0, 4000) + "..." : out.toString();
    }

    private static final class RecordingFilter implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification req, FilterableResponseSpecification res, FilterContext ctx) {
            Response response = ctx.next(req, res);
            String path = req.getURI().replaceFirst("\\?.*$", "?<query>");
            Object requestBody = req.getBody();
            String exchange = "    " + req.getMethod() + " " + path
                    + (requestBody == null ? "" : "\n      request:  " + redact(String.valueOf(requestBody)))
                    + "\n      response: " + response.getStatusCode() + " " + redact(response.asString());
            Deque<String> kept = EXCHANGES.get();
            kept.addLast(exchange);
            while (kept.size() > KEPT_EXCHANGES) kept.removeFirst();
            return response;
        }
    }
}
