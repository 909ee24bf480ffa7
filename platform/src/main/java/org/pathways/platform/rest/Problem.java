package org.pathways.platform.rest;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}). {@code errors} lists field-level detail for bad
 * input; {@code allowed} lists what would have been accepted (e.g. the legal next states of a referral).
 * Details name fields and codes, never the values that were sent: a value may be personal data.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors,
                      List<String> allowed) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://pathways.example/problems/";

    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, null, List.of(), List.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, allowed);
    }

    public Problem withAllowed(List<String> allowedValues) {
        return new Problem(type, title, status, detail, instance, errors, allowedValues);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors, allowed);
    }
}
