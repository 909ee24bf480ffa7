package org.pathways.directory.rest;

import java.util.UUID;

import org.pathways.platform.security.Caller;

/** The acting user written on directory events. */
final class Actors {

    private Actors() {
    }

    /** Token subjects are Keycloak UUIDs; anything else is left out (null). */
    static UUID of(Caller caller) {
        try {
            return caller.userId() == null ? null : UUID.fromString(caller.userId());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
