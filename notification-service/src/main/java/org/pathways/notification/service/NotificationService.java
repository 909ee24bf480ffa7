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
    private static final String REFERRAL_EVENT = "pathways.referral.";

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
        JsonNode d = event.data();
        if (EventTypes.REFERRAL_SENT.equals(event.type())) {
            parties.upsert(new ReferralParty(Router.uuid(d, "referralId"),
                    d.hasNonNull("actorUserId") ? Router.uuid(d, "actorUserId") : null, Router.uuid(d, "fromOrganisationId"),
                    Router.uuid(d, "toOrganisationId"), Router.uuid(d, "toServiceId"), Router.uuid(d, "subjectId"),
                    d.path("state").asText()));
            parties.markSent(Router.uuid(d, "referralId"), occurredAt(event));
        } else if (event.type().startsWith(REFERRAL_EVENT) && d.hasNonNull("referralId") && d.hasNonNull("subjectId")
                && d.hasNonNull("state")) {
            // Which of her referrals are live, for routing a withdrawal of her consent (ADR 0045).
            parties.updateState(Router.uuid(d, "referralId"), Router.uuid(d, "subjectId"), d.get("state").asText());
        }
        applyLeadWorker(event);
        if (EventTypes.CONSENT_OVERRIDE_REQUESTED.equals(event.type()) || EventTypes.CONSENT_OVERRIDE_APPROVED.equals(event.type())) {
            // The expiry event names nobody (ADR 0021): remember who asked and who approved, to tell them when it ends.
            overrideParties.upsert(new OverrideParty(Router.uuid(d, "overrideId"), Router.uuid(d, "organisationId"),
                    d.hasNonNull("actorUserId") ? Router.uuid(d, "actorUserId") : null,
                    d.hasNonNull("approverUserId") ? Router.uuid(d, "approverUserId") : null));
        }
        if (routed == null) return new Result(Outcome.IGNORED, List.of(), false, false);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID referralId = d.hasNonNull("referralId") ? Router.uuid(d, "referralId") : null;
        // Directory notices carry the capacity status as last confirmed in place of a state.
        String state = d.hasNonNull("state") ? d.get("state").asText()
                : d.hasNonNull("capacityStatus") ? d.get("capacityStatus").asText() : null;
        String reason = d.hasNonNull("reasonCode") ? d.get("reasonCode").asText() : null;
        List<Notification> created = new ArrayList<>();
        boolean anyEmail = false;
        for (Recipient r : routed.recipients()) {
            Notification n = new Notification(UUID.randomUUID(), r, routed.kindFor(r), event.id(), event.type(), event.subject(),
                    routed.referralFor(r, referralId), state, reason, now, null);
            if (!notifications.insert(n)) continue;
            created.add(n);
            if (r.kind() == Recipient.Kind.USER && emails.optedIn(r.id())) {
                emails.enqueue(n.id(), r.id());
                anyEmail = true;
            } else if (r.kind() == Recipient.Kind.ORG && mailboxEmail) {
                // Sent only if the organisation named a mailbox address in the directory (decided when it goes).
                emails.enqueueMailbox(n.id(), r.id());
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
    private void applyLeadWorker(EventEnvelope event) {
        JsonNode d = event.data();
        switch (event.type()) {
            case EventTypes.SUBJECT_REGISTERED -> {
                if (d.hasNonNull("leadWorkerUserId")) {
                    leadWorkers.apply(Router.uuid(d, "subjectId"), Router.uuid(d, "organisationId"),
                            Router.uuid(d, "leadWorkerUserId"), 0, occurredAt(event));
                }
            }
            case EventTypes.SUBJECT_LEAD_WORKER_CHANGED -> leadWorkers.apply(Router.uuid(d, "subjectId"),
                    Router.uuid(d, "organisationId"), Router.uuid(d, "leadWorkerUserId"), d.path("version").asLong(),
                    occurredAt(event));
            case EventTypes.SUBJECT_ERASED -> {
                leadWorkers.erase(Router.uuid(d, "subjectId"), Router.uuid(d, "organisationId"), occurredAt(event));
                teams.erase(Router.uuid(d, "subjectId"), Router.uuid(d, "organisationId"), occurredAt(event));
            }
            case EventTypes.SUBJECT_TEAM_CHANGED -> {
                // The whole team at this version (ADR 0069): applied only when newer.
                List<org.pathways.notification.repository.TeamRepository.Member> members = new ArrayList<>();
                for (JsonNode m : d.path("members")) {
                    members.add(new org.pathways.notification.repository.TeamRepository.Member(Router.uuid(m, "userId"),
                            Router.uuid(m, "organisationId"), m.path("role").asText()));
                }
                teams.apply(Router.uuid(d, "subjectId"), Router.uuid(d, "organisationId"), d.path("version").asLong(), members,
                        occurredAt(event));
            }
            default -> {
            }
        }
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
