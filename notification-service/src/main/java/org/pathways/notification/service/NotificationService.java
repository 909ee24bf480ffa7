package org.pathways.notification.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.MalformedEventException;
import org.pathways.contracts.events.payload.ConsentOverrideApproved;
import org.pathways.contracts.events.payload.ConsentOverrideRequested;
import org.pathways.contracts.events.payload.ConsentPayload;
import org.pathways.contracts.events.payload.DirectoryServicePayload;
import org.pathways.contracts.events.payload.EventPayload;
import org.pathways.contracts.events.payload.EventPayloads;
import org.pathways.contracts.events.payload.OverridePayload;
import org.pathways.contracts.events.payload.ReferralChallengeRaised;
import org.pathways.contracts.events.payload.ReferralMove;
import org.pathways.contracts.events.payload.ReferralPayload;
import org.pathways.contracts.events.payload.ReferralSent;
import org.pathways.contracts.events.payload.ReferralSupportPeriod;
import org.pathways.contracts.events.payload.SubjectErased;
import org.pathways.contracts.events.payload.SubjectLeadWorkerChanged;
import org.pathways.contracts.events.payload.SubjectRegistered;
import org.pathways.contracts.events.payload.SubjectTeamChanged;
import org.pathways.notification.domain.Notification;
import org.pathways.notification.domain.OverrideParty;
import org.pathways.notification.domain.Recipient;
import org.pathways.notification.domain.ReferralParty;
import org.pathways.notification.domain.Routed;
import org.pathways.notification.domain.Subscription;
import org.pathways.notification.repository.EmailRepository;
import org.pathways.notification.repository.NotificationRepository;
import org.pathways.notification.repository.OverridePartyRepository;
import org.pathways.notification.repository.ReferralPartyRepository;
import org.pathways.notification.repository.WebhookRepository;
import org.pathways.platform.messaging.ProcessedEvents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies one routed event in one transaction: the processed-event mark, the inbox entries, the e-mails to send and
 * the webhook deliveries to make. Either all of it commits or none of it, so a redelivered event (after a crash, a
 * rebalance or a duplicate from the producer) never notifies anyone twice.
 */
@ApplicationScoped
public class NotificationService {

    public static final String CONSUMER = "notification-service";

    public enum Outcome { APPLIED, DUPLICATE, IGNORED, UNKNOWN_TYPE }

    public record Result(Outcome outcome, List<Notification> created, boolean emails, boolean webhooks) {
    }

    /** One event's effect in a batch: its result, or the reason it is malformed (found while routing it). */
    public record Applied(Result result, String malformed) {
    }

    @Inject
    Router router;

    /**
     * Routes and applies a batch of checked events, in order, in one transaction. Routing happens inside it, after the
     * earlier events of the batch: a referral's parties, stored by its {@code sent} event, route its later events.
     */
    @Transactional
    public List<Applied> applyBatch(List<EventEnvelope> events) {
        List<Applied> out = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            Routed routed;
            try {
                if (EventTypes.DIRECTORY_SPOC_CHANGED.equals(event.type())) router.spocChanged(event);
                routed = router.route(event);
            } catch (MalformedEventException e) {
                out.add(new Applied(null, e.reason()));
                continue;
            }
            out.add(new Applied(apply(event, routed), null));
        }
        return out;
    }

    @Inject
    ProcessedEvents processed;

    @Inject
    NotificationRepository notifications;

    @Inject
    ReferralPartyRepository parties;

    @Inject
    OverridePartyRepository overrideParties;

    @Inject
    EmailRepository emails;

    @Inject
    org.pathways.notification.repository.LeadWorkerRepository leadWorkers;

    @Inject
    WebhookRepository webhooks;

    @Inject
    org.pathways.notification.repository.TeamRepository teams;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "pathways.email.mailboxes", defaultValue = "true")
    boolean mailboxEmail;

    @ConfigProperty(name = "pathways.webhooks.retry-for", defaultValue = "P1D")
    Duration retryFor;

    @Transactional
    public Result apply(EventEnvelope event, Routed routed) {
        if (!EventTypes.isKnown(event.type())) return new Result(Outcome.UNKNOWN_TYPE, List.of(), false, false);
        if (!processed.firstDelivery(CONSUMER, event.id())) return new Result(Outcome.DUPLICATE, List.of(), false, false);
        EventPayload d = EventPayloads.read(event);
        if (d instanceof ReferralSent sent) {
            parties.upsert(new ReferralParty(sent.referralId(), sent.actorUserId(), sent.fromOrganisationId(),
                    sent.toOrganisationId(), sent.toServiceId(), sent.subjectId(), sent.state()));
            parties.markSent(sent.referralId(), occurredAt(event));
        } else if (d instanceof ReferralPayload r) {
            // Which of her referrals are live, for routing a withdrawal of her consent (ADR 0045).
            parties.updateState(r.referralId(), r.subjectId(), r.state());
        }
        applyLeadWorker(d, event);
        if (d instanceof ConsentOverrideRequested o) {
            // The expiry event names nobody (ADR 0021): remember who asked and who approved, to tell them when it ends.
            overrideParties.upsert(new OverrideParty(o.overrideId(), o.organisationId(), o.actorUserId(), null));
        } else if (d instanceof ConsentOverrideApproved o) {
            overrideParties.upsert(new OverrideParty(o.overrideId(), o.organisationId(), o.actorUserId(), o.approverUserId()));
        }
        if (routed == null) return new Result(Outcome.IGNORED, List.of(), false, false);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID referralId = d instanceof ReferralPayload r ? r.referralId() : null;
        String state = state(d);
        String reason = d instanceof ReferralMove m ? m.reasonCode()
                : d instanceof ReferralChallengeRaised c ? c.reasonCode()
                : d instanceof ReferralSupportPeriod sp ? sp.reasonCode() : null;
        List<Notification> created = new ArrayList<>();
        boolean anyEmail = false;
        for (Recipient r : routed.recipients()) {
            Notification n = new Notification(UUID.randomUUID(), r, routed.kindFor(r), event.id(), event.type(), event.subject(),
                    routed.referralFor(r, referralId), state, reason, now, null);
            if (!notifications.insert(n)) continue;
            created.add(n);
            if (r.kind() == Recipient.Kind.USER && emails.optedIn(r.id())) {
                emails.enqueue(n.id(), r.id(), event.id());
                anyEmail = true;
            } else if (r.kind() == Recipient.Kind.ORG && mailboxEmail) {
                // Sent only if the organisation named a mailbox address in the directory (decided when it goes).
                emails.enqueueMailbox(n.id(), r.id(), event.id());
                anyEmail = true;
            }
        }
        boolean anyHook = false;
        List<Subscription> subs = webhooks.matching(routed.webhookOrganisations(), event.type());
        if (!subs.isEmpty()) {
            String payload = webhookPayload(event);
            for (Subscription s : subs) {
                webhooks.enqueue(s.id(), event.id(), event.type(), event.subject(), payload, now.plus(retryFor));
                anyHook = true;
            }
        }
        return new Result(Outcome.APPLIED, created, anyEmail, anyHook);
    }

    /**
     * Her lead worker, for the notices that follow her case (ADR 0049): registration is version 0, a handover carries
     * the subject's version after it; only a newer version is applied, so redelivery and overtaking are harmless.
     */
    private void applyLeadWorker(EventPayload d, EventEnvelope event) {
        if (d instanceof SubjectRegistered s) {
            if (s.leadWorkerUserId() != null) {
                leadWorkers.apply(s.subjectId(), s.organisationId(), s.leadWorkerUserId(), 0, occurredAt(event));
            }
        } else if (d instanceof SubjectLeadWorkerChanged s) {
            leadWorkers.apply(s.subjectId(), s.organisationId(), s.leadWorkerUserId(), s.version(), occurredAt(event));
        } else if (d instanceof SubjectErased s) {
            leadWorkers.erase(s.subjectId(), s.organisationId(), occurredAt(event));
            teams.erase(s.subjectId(), s.organisationId(), occurredAt(event));
        } else if (d instanceof SubjectTeamChanged s) {
            // The whole team at this version (ADR 0069): applied only when newer.
            List<org.pathways.notification.repository.TeamRepository.Member> members = new ArrayList<>();
            for (SubjectTeamChanged.Member m : s.members()) {
                members.add(new org.pathways.notification.repository.TeamRepository.Member(m.userId(), m.organisationId(),
                        m.role()));
            }
            teams.apply(s.subjectId(), s.organisationId(), s.version(), members, occurredAt(event));
        }
    }

    /** The notice's state: the referral's, consent's or override's; a directory notice's capacity status as last confirmed. */
    private static String state(EventPayload d) {
        if (d instanceof ReferralPayload r) return r.state();
        if (d instanceof ConsentPayload c) return c.state();
        if (d instanceof OverridePayload o) return o.state();
        if (d instanceof DirectoryServicePayload c) return c.capacityStatus();
        return null;
    }

    static OffsetDateTime occurredAt(EventEnvelope event) {
        JsonNode at = event.data().get("occurredAt");
        try {
            if (at != null && at.isTextual()) return OffsetDateTime.parse(at.asText());
        } catch (java.time.format.DateTimeParseException e) {
            // checked against the schema on the way in; fall back to the envelope's time
        }
        return event.time();
    }

    /**
     * The webhook body: the event's type, id, time and data. The data is the contract's (ids, states, codes, times
     * only; checked against its schema before we got here), so nothing else can travel.
     */
    String webhookPayload(EventEnvelope event) {
        ObjectNode body = json.createObjectNode();
        body.put("type", event.type());
        body.put("id", event.id());
        body.put("timestamp", event.time().toString());
        body.set("data", event.data());
        return body.toString();
    }
}
