package org.pathways.referral.rest;

import org.pathways.platform.rest.ProblemException;

/** ETag / If-Match values: the quoted version number. */
final class Versions {

    private Versions() {
    }

    /** The version an If-Match header names, or null without one; 400 for anything but a version. */
    static Long ifMatch(String header) {
        if (header == null || header.isBlank()) return null;
        String v = header.trim();
        if (v.startsWith("W/")) v = v.substring(2);
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
        try {
            long n = Long.parseLong(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("If-Match", "must be a version ETag, e.g. \"3\"");
        }
    }
}
