package org.pathways.dashboard.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.MultivaluedMap;

import org.pathways.dashboard.view.FieldError;

/** What the pages' form handling shares: reading a posted form's fields, and the error summary of missing answers. */
final class Forms {

    private Forms() {
    }

    /** What was posted, kept to show the form again; without the CSRF token (the page writes its own). */
    static Map<String, List<String>> values(MultivaluedMap<String, String> form) {
        Map<String, List<String>> values = new LinkedHashMap<>(form);
        values.remove("csrf");
        return values;
    }

    /** A repeatable field's answers, blanks left out. */
    static List<String> list(MultivaluedMap<String, String> form, String key) {
        List<String> v = form.get(key);
        return v == null ? List.of() : v.stream().filter(s -> s != null && !s.isBlank()).toList();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    /** An id from a form or an address: a UUID, or null for anything else. */
    static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The error summary of the answers missing at their fields (one entry per field, in the form's order). */
    static List<FieldError> errorsOf(Map<String, String> fieldErrors) {
        return fieldErrors.entrySet().stream().map(e -> new FieldError(e.getKey(), e.getValue())).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
