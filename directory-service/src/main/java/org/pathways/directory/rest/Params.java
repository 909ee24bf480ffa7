package org.pathways.directory.rest;

import java.util.UUID;

import org.pathways.platform.rest.ProblemException;

/** Parsing of path and query parameters into problems rather than 500s. */
final class Params {

    private Params() {
    }

    /** A path id: anything that is not a UUID simply does not exist. */
    static UUID pathId(String raw, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound(what);
        }
    }

    static UUID queryId(String raw, String field) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "must be a UUID");
        }
    }

    static Integer integer(String raw, String field, int min, int max) {
        if (raw == null || raw.isBlank()) return null;
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) throw ProblemException.invalidField(field, "must be between " + min + " and " + max);
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(field, "must be a whole number");
        }
    }

    /** Plain decimal degrees such as 52.408 or -1.51 (not 1e2, NaN, Infinity or 52.4d, which Java would parse). */
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("^-?[0-9]{1,3}(\\.[0-9]{1,12})?$");

    static Double decimal(String raw, String field, double min, double max) {
        if (raw == null || raw.isBlank()) return null;
        String s = raw.trim();
        if (!DECIMAL.matcher(s).matches()) throw ProblemException.invalidField(field, "must be a decimal number such as 52.408");
        double v = Double.parseDouble(s);
        if (v < min || v > max) throw ProblemException.invalidField(field, "must be between " + (int) min + " and " + (int) max);
        return v;
    }

    static Boolean bool(String raw, String field) {
        if (raw == null || raw.isBlank()) return null;
        return switch (raw.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalidField(field, "must be true or false");
        };
    }

    static int page(String raw) {
        Integer p = integer(raw, "page", 1, 1_000_000);
        return p == null ? 1 : p;
    }

    static int perPage(String raw, int defaultSize, int max) {
        if (raw == null || raw.isBlank()) return defaultSize;
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < 1 || v > max) throw ProblemException.invalidField("per_page", "must be between 1 and " + max);
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("per_page", "must be a whole number");
        }
    }
}
