package org.pathways.platform.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error leaves as RFC 9457 problem+json. Bad input gets a 4xx naming the fields, never their values; anything
 * unexpected gets a 500 with a reference the operator can find in the log, and the log names only exception types.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return respond(Problem.of(400, "validation", "Invalid request", "Some fields are missing or invalid.")
                .withErrors(errors), uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = path(e);
        return respond(Problem.of(400, "unknown-field", "Unknown field",
                "The request has a field this API does not know; nothing was changed.")
                .withErrors(List.of(new Problem.FieldError(field, "unknown field"))), uri);
    }

    @ServerExceptionMapper
    public Response badValue(InvalidFormatException e, UriInfo uri) {
        String expected = e.getTargetType() == null ? "a valid value" : describe(e.getTargetType());
        return respond(Problem.of(400, "invalid-value", "Invalid value", "A field has a value of the wrong kind.")
                .withErrors(List.of(new Problem.FieldError(path(e), "must be " + expected))), uri);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            return respond(Problem.of(400, "trailing-content", "Malformed JSON",
                    "The request body has more after its JSON document; nothing was changed."), uri);
        }
        String expected = e.getTargetType() == null ? "a valid value" : describe(e.getTargetType());
        String field = path(e);
        return respond(Problem.of(400, "invalid-value", "Invalid value", "A field has a value of the wrong kind.")
                .withErrors(List.of(new Problem.FieldError(field.isEmpty() ? "(body)" : field, "must be " + expected))), uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
            return respond(Problem.of(400, "duplicate-field", "Duplicate field",
                    "A field is given more than once; nothing was changed.")
                    .withErrors(List.of(new Problem.FieldError(duplicated(e), "given more than once"))), uri);
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return respond(Problem.of(400, "invalid-value", "Invalid value", "A field could not be read.")
                    .withErrors(List.of(new Problem.FieldError(path(m), "could not be read"))), uri);
        }
        return respond(Problem.of(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON."), uri);
    }

    private Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException u) return unknownField(u, uri);
        if (e instanceof InvalidFormatException f) return badValue(f, uri);
        if (e instanceof MismatchedInputException m) return mismatched(m, uri);
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "Your role may not do this."), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        // A parameter converter (StrictBooleans) may only throw a WebApplicationException: its problem rides as the cause.
        if (e.getCause() instanceof ProblemException p) {
            return problem(p, uri);
        }
        // With a reader interceptor (StrictJsonStrings) in place, the JSON reader wraps parse errors (duplicate keys,
        // malformed or trailing text) in a 400 WebApplicationException: answer them as if they came unwrapped.
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        if (family != Response.Status.Family.CLIENT_ERROR) {
            return e.getResponse();
        }
        Response.StatusType st = e.getResponse().getStatusInfo();
        String slug = st.getReasonPhrase().toLowerCase().replaceAll("[^a-z]+", "-");
        Response r = respond(Problem.of(status, slug, st.getReasonPhrase(), detailFor(status)), uri);
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(r).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return r;
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        // Two requests creating the same record at once: the loser's unique-key violation (SQLState 23505) is a
        // conflict the client can retry, not a fault of ours. Nothing of it was committed (the transaction rolled back).
        for (Throwable c : causes(e)) {
            if (c instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return respond(Problem.of(409, "concurrent-change", "Conflict",
                        "Another request changed the same record at the same moment; nothing was changed. Try again."), uri);
            }
        }
        // The database is unreachable or restarting (issue 20, fault 3): the request changed nothing (its transaction could
        // not commit), and trying again shortly will work, so 503 with Retry-After rather than a 500 that pages someone.
        if (databaseUnavailable(e)) {
            LOG.warnf("database unavailable path=%s: %s", uri == null ? "-" : uri.getPath(), e.getClass().getName());
            return Response.fromResponse(respond(Problem.of(503, "database-unavailable", "Service Unavailable",
                    "The database is not reachable at the moment; nothing was changed. Try again shortly."), uri))
                    .header(HttpHeaders.RETRY_AFTER, "5").build();
        }
        String ref = UUID.randomUUID().toString();
        // Exception messages can quote SQL values or input: log types and the reference only.
        StringBuilder chain = new StringBuilder(e.getClass().getName());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            chain.append(" <- ").append(c.getClass().getName());
        }
        LOG.errorf("unexpected error ref=%s path=%s: %s", ref, uri == null ? "-" : uri.getPath(), chain);
        return respond(Problem.of(500, "internal", "Internal error",
                "Something went wrong on our side. Quote reference " + ref + " to the operator."), uri);
    }

    /**
     * True when the cause chain shows the database itself unavailable: a connection failure (SQLState class 08), the
     * server shutting down or starting (57P01-57P03), too many connections (53300), or the pool timing out waiting for a
     * connection (Agroal's acquisition timeout, which has no SQLState).
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable c : causes(e)) {
            if (c instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || state.equals("53300"))) {
                    return true;
                }
                if (state == null && sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) return true;
            }
        }
        return false;
    }

    /**
     * The exception, its causes and their suppressed exceptions. A commit the database broke off reaches us as Narayana's
     * {@code RollbackException} with the XA failure (and under it the SQLException) only as a suppressed exception: seen
     * as a 500 when PostgreSQL restarted during a send's commit (DatabaseRestartTest, CI 2026-12-07).
     */
    static java.util.List<Throwable> causes(Throwable e) {
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.add(e);
        while (!todo.isEmpty() && out.size() < 64) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) continue;
            out.add(t);
            if (t.getCause() != null) todo.add(t.getCause());
            for (Throwable s : t.getSuppressed()) todo.add(s);
        }
        return out;
    }

    private static Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(respond(Problem.of(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required."), uri)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    static Response respond(Problem p, UriInfo uri) {
        Problem withInstance = p.instance() == null && uri != null ? p.withInstance(uri.getPath()) : p;
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(withInstance).build();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "There is nothing here.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "This resource cannot produce the media type you asked for.";
            case 415 -> "Send JSON (application/json).";
            case 413 -> "The request is too large.";
            default -> "The request could not be handled.";
        };
    }

    /** The duplicated key's path: the parser's context names it when the duplicate is found. */
    private static String duplicated(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null) {
            StringBuilder sb = new StringBuilder();
            java.util.Deque<String> parts = new java.util.ArrayDeque<>();
            for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject()) parts.push("." + (c.getCurrentName() == null ? "?" : c.getCurrentName()));
                else if (c.inArray()) parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
            parts.forEach(sb::append);
            String path = sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
            if (!path.isEmpty() && !StrictInput.hasControlCharacter(path)) return path;
        }
        return "(body)";
    }

    /** Jackson's path to the failing field, as dotted JSON names with [index] for arrays. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) names.add(((Enum<?>) c).name());
            return "one of " + names;
        }
        if (type == UUID.class) return "a UUID";
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        if (type.getName().startsWith("java.time")) return "an ISO-8601 " + type.getSimpleName();
        if (type == String.class) return "a string";
        if (List.class.isAssignableFrom(type) || type.isArray()) return "an array";
        return "an object";
    }

    /** "create.body.name" (method, parameter, bean path) becomes "name"; query parameters keep their own name. */
    static String fieldName(Path path) {
        List<String> parts = new ArrayList<>();
        for (Path.Node n : path) {
            if (n.getKind() == ElementKind.METHOD || n.getKind() == ElementKind.RETURN_VALUE) continue;
            if (n.getKind() == ElementKind.PARAMETER) {
                parts.clear();
                parts.add(n.getName());
                continue;
            }
            // Bean Validation puts a container's index on the element's node: items[0].code is (items)(code, index 0).
            if (n.isInIterable() && !parts.isEmpty()) {
                Object at = n.getIndex() != null ? n.getIndex() : n.getKey();
                if (at != null) parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + at + "]");
            }
            if (n.getName() == null) continue;
            parts.add(n.getName());
        }
        // A body parameter's own name ("body", "request") says nothing to the caller: drop it when a field follows.
        if (parts.size() > 1) parts.remove(0);
        return parts.isEmpty() ? "(request)" : String.join(".", parts);
    }
}
