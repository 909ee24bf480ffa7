package org.pathways.dashboard.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.pathways.dashboard.view.FieldError;

/**
 * A service's refusal (RFC 9457 problem+json) as a page shows it: one error summary entry per {@code errors[]} item,
 * each mapped by the page to the input it belongs to, and the same messages keyed by input for the fields themselves.
 * The pages differ only in how a service field name becomes an input and a message ({@link Mapper}).
 */
final class Refusal {

    /** Service field and message → the summary entry (its field: the input id, or empty for the form as a whole). */
    @FunctionalInterface
    interface Mapper {
        FieldError map(String field, String message);
    }

    final int status;
    final Map<String, Object> problem;
    final List<FieldError> errors = new ArrayList<>();
    final Map<String, String> atFields = new LinkedHashMap<>();

    private Refusal(int status, Map<String, Object> problem) {
        this.status = status;
        this.problem = problem;
    }

    /** Reads the answer's problem; {@code fallback} is the one summary entry when it names no field. */
    static Refusal of(Response r, Mapper mapper, String fallback) {
        return of(r).map(mapper, fallback);
    }

    /** Reads the answer's problem only (a page that needs its {@link #type()} before mapping the fields). */
    static Refusal of(Response r) {
        return new Refusal(r.getStatus(), Json.map(r));
    }

    Refusal map(Mapper mapper, String fallback) {
        for (Map<String, Object> e : Json.list(problem.get("errors"))) {
            add(mapper.map(String.valueOf(e.get("field")), String.valueOf(e.get("message"))));
        }
        if (errors.isEmpty() && fallback != null) add(new FieldError("", fallback));
        return this;
    }

    void add(FieldError e) {
        errors.add(e);
        if (e.field() != null && !e.field().isEmpty()) atFields.putIfAbsent(e.field(), e.message());
    }

    /** The problem's {@code type} (a URI ending in the refusal's code, e.g. {@code …/consent-not-covering}). */
    String type() {
        return String.valueOf(problem.get("type"));
    }

    Object detail() {
        return problem.getOrDefault("detail", "refused");
    }
}
