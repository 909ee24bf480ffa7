package org.pathways.contracts.events;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CloudEvents {@code type} values. Every type has a payload schema {@code schemas/<type>.json} (see {@link EventSchemas})
 * and is published on the topic given by {@link #topicOf(String)}.
 *
 * <p>To add a type: add the constant here and to {@link #all()}, add its schema file, and extend the tests.
 */
public final class EventTypes {

    /** Common prefix of every Pathways event type. */
    public static final String PREFIX = "pathways.";

    // directory-service -> directory.events (subject: serviceId, or organisationId for an organisation-level SPOC,
    // locationId for a location)
    public static final String DIRECTORY_SERVICE_CREATED = "pathways.directory.service.created";
    public static final String DIRECTORY_SERVICE_UPDATED = "pathways.directory.service.updated";
    public static final String DIRECTORY_CAPACITY_CHANGED = "pathways.directory.capacity.changed";
    public static final String DIRECTORY_SPOC_CHANGED = "pathways.directory.spoc.changed";
    /** Capacity unconfirmed for longer than the stale period; once per stale period per service. */
    public static final String DIRECTORY_CAPACITY_STALE = "pathways.directory.capacity.stale";
    /** A location created, replaced or deleted (ids and a change code; never an address). */
    public static final String DIRECTORY_LOCATION_CHANGED = "pathways.directory.location.changed";
    /**
     * Who receives a service's (or organisation's) referrals changed: its SPOC user or mailbox, through the admin API or
     * an import. Ids only (the audit row, old and new SPOC user ids); told to that organisation's admins (ADR 0015).
     */
    public static final String DIRECTORY_ROUTING_CHANGED = "pathways.directory.routing.changed";
    /**
     * A partnership's membership or data sharing agreements changed, or it was deleted (subject: partnershipId; version:
     * the partnership's, bumped by every such change). Ids and codes only. referral-service's directory read model (ADR 0061).
     */
    public static final String DIRECTORY_PARTNERSHIP_CHANGED = "pathways.directory.partnership.changed";

    // consent-service -> consent.events (subject: consentId; overrideId for overrides)
    public static final String CONSENT_GRANTED = "pathways.consent.granted";
    public static final String CONSENT_CHANGED = "pathways.consent.changed";
    public static final String CONSENT_WITHDRAWN = "pathways.consent.withdrawn";
    /** Widened by an organisation other than her registering one (ADR 0027): her lead worker and privacy officers are told. */
    public static final String CONSENT_WIDENED = "pathways.consent.widened";
    public static final String CONSENT_EXPIRING = "pathways.consent.expiring";
    public static final String CONSENT_EXPIRED = "pathways.consent.expired";
    public static final String CONSENT_OVERRIDE_REQUESTED = "pathways.consent.override.requested";
    public static final String CONSENT_OVERRIDE_APPROVED = "pathways.consent.override.approved";
    /** A second person refused a pending override (a reason code; it permitted nothing and still does; ADR 0090). */
    public static final String CONSENT_OVERRIDE_REFUSED = "pathways.consent.override.refused";
    /** An override reached its end of validity (approved: sharing stops; pending: can no longer be approved). */
    public static final String CONSENT_OVERRIDE_EXPIRED = "pathways.consent.override.expired";

    // referral-service -> referral.events (subject: referralId)
    public static final String REFERRAL_SENT = "pathways.referral.sent";
    public static final String REFERRAL_ACCEPTED = "pathways.referral.accepted";
    public static final String REFERRAL_DECLINED = "pathways.referral.declined";
    public static final String REFERRAL_WITHDRAWN = "pathways.referral.withdrawn";
    public static final String REFERRAL_ON_HOLD = "pathways.referral.on-hold";
    public static final String REFERRAL_IN_PROGRESS = "pathways.referral.in-progress";
    public static final String REFERRAL_COMPLETED = "pathways.referral.completed";
    public static final String REFERRAL_NOT_COMPLETED = "pathways.referral.not-completed";
    public static final String REFERRAL_EXPIRED = "pathways.referral.expired";
    public static final String REFERRAL_ENTERED_IN_ERROR = "pathways.referral.entered-in-error";
    public static final String REFERRAL_REMINDER = "pathways.referral.reminder";
    public static final String REFERRAL_ESCALATED = "pathways.referral.escalated";
    public static final String REFERRAL_ACCESS_ENDED = "pathways.referral.access-ended";
    /** Held informally: the receiving organisation supports her while her referral waits on its list (or stopped). */
    public static final String REFERRAL_INFORMAL_SUPPORT = "pathways.referral.informal-support";
    /** A referrer escalated a referral herself or asked for a decline to be reviewed (codes only). */
    public static final String REFERRAL_CHALLENGE_RAISED = "pathways.referral.challenge-raised";
    /** The receiving organisation answered an escalation or a decline review (codes only). */
    public static final String REFERRAL_CHALLENGE_ANSWERED = "pathways.referral.challenge-answered";
    /** A support period started, was extended (asked, approved, refused), is ending soon or ended (codes only; ADR 0073). */
    public static final String REFERRAL_SUPPORT_PERIOD = "pathways.referral.support-period";

    // referral-service (owner of subjects) -> referral.events (subject: subjectId)
    public static final String SUBJECT_REGISTERED = "pathways.subject.registered";
    public static final String SUBJECT_ERASED = "pathways.subject.erased";
    /** A handover: her case has a new lead worker (ids and the subject's version only). */
    public static final String SUBJECT_LEAD_WORKER_CHANGED = "pathways.subject.lead-worker-changed";
    /** The team around the person changed (issue 16 item 3, ADR 0069): the whole current team, ids and role codes only. */
    public static final String SUBJECT_TEAM_CHANGED = "pathways.subject.team-changed";

    private static final List<String> DIRECTORY = List.of(DIRECTORY_SERVICE_CREATED, DIRECTORY_SERVICE_UPDATED,
            DIRECTORY_CAPACITY_CHANGED, DIRECTORY_SPOC_CHANGED, DIRECTORY_CAPACITY_STALE, DIRECTORY_LOCATION_CHANGED,
            DIRECTORY_ROUTING_CHANGED, DIRECTORY_PARTNERSHIP_CHANGED);
    private static final List<String> CONSENT = List.of(CONSENT_GRANTED, CONSENT_CHANGED, CONSENT_WITHDRAWN,
            CONSENT_EXPIRING, CONSENT_EXPIRED, CONSENT_OVERRIDE_REQUESTED, CONSENT_OVERRIDE_APPROVED,
            CONSENT_OVERRIDE_REFUSED, CONSENT_OVERRIDE_EXPIRED, CONSENT_WIDENED);
    private static final List<String> REFERRAL = List.of(REFERRAL_SENT, REFERRAL_ACCEPTED, REFERRAL_DECLINED,
            REFERRAL_WITHDRAWN, REFERRAL_ON_HOLD, REFERRAL_IN_PROGRESS, REFERRAL_COMPLETED, REFERRAL_NOT_COMPLETED,
            REFERRAL_EXPIRED, REFERRAL_ENTERED_IN_ERROR, REFERRAL_REMINDER, REFERRAL_ESCALATED, REFERRAL_ACCESS_ENDED,
            REFERRAL_INFORMAL_SUPPORT, REFERRAL_CHALLENGE_RAISED, REFERRAL_CHALLENGE_ANSWERED, REFERRAL_SUPPORT_PERIOD, SUBJECT_REGISTERED, SUBJECT_ERASED, SUBJECT_LEAD_WORKER_CHANGED,
            SUBJECT_TEAM_CHANGED);

    private static final Set<String> ALL;

    static {
        Set<String> all = new LinkedHashSet<>();
        all.addAll(DIRECTORY);
        all.addAll(CONSENT);
        all.addAll(REFERRAL);
        ALL = Collections.unmodifiableSet(all);
    }

    private EventTypes() {
    }

    /** Every event type, in declaration order. Unmodifiable. */
    public static Set<String> all() {
        return ALL;
    }

    public static boolean isKnown(String type) {
        return type != null && ALL.contains(type);
    }

    /**
     * The topic an event type is published on.
     *
     * @throws IllegalArgumentException for an unknown type
     */
    public static String topicOf(String type) {
        if (type != null) {
            if (DIRECTORY.contains(type)) {
                return Topics.DIRECTORY_EVENTS;
            }
            if (CONSENT.contains(type)) {
                return Topics.CONSENT_EVENTS;
            }
            if (REFERRAL.contains(type)) {
                return Topics.REFERRAL_EVENTS;
            }
        }
        throw new IllegalArgumentException("unknown event type");
    }
}
