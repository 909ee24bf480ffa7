package org.pathways.notification.client;

/** The directory or Keycloak could not answer (down, timeout, 5xx). Carries a reason code only. */
public class LookupUnavailableException extends RuntimeException {

    public LookupUnavailableException(String reason) {
        super(reason, null, false, false);
    }
}
