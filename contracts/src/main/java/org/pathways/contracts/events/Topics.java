package org.pathways.contracts.events;

import java.util.List;

/** Kafka topics. Each carries structured-mode CloudEvents keyed by the aggregate id (the CloudEvents {@code subject}). */
public final class Topics {

    /** Produced by directory-service. */
    public static final String DIRECTORY_EVENTS = "directory.events";
    /** Produced by consent-service. */
    public static final String CONSENT_EVENTS = "consent.events";
    /** Produced by referral-service (referrals and subjects). */
    public static final String REFERRAL_EVENTS = "referral.events";

    /** Suffix of every dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private static final List<String> ALL = List.of(DIRECTORY_EVENTS, CONSENT_EVENTS, REFERRAL_EVENTS);

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}, e.g. {@code referral.events.dlq}. */
    public static String deadLetter(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        if (topic.endsWith(DEAD_LETTER_SUFFIX)) {
            throw new IllegalArgumentException("topic is already a dead-letter topic");
        }
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** The three event topics (not their dead-letter topics). */
    public static List<String> all() {
        return ALL;
    }
}
