package org.pathways.dashboard.web;

/** A service could not answer: shown as "try again" (503), never as a stack trace. */
public class ServiceUnavailable extends RuntimeException {
    public ServiceUnavailable(String message) {
        super(message, null, false, false);
    }
}
