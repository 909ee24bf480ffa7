package org.pathways.contracts.events;

/**
 * Bytes that are not a well-formed Pathways CloudEvent. The message is a short reason code (e.g. {@code not-json},
 * {@code missing-attribute:subject}); it never contains any part of the input, and no cause is attached because parser
 * exceptions quote the input they choke on.
 */
public class MalformedEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public MalformedEventException(String reason) {
        super("malformed event: " + reason);
        this.reason = reason;
    }

    /** The reason code, e.g. {@code missing-attribute:time}. */
    public String reason() {
        return reason;
    }
}
