package org.pathways.notification;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.platform.testing.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Schema-valid CloudEvents, as referral-, consent- and directory-service publish them, written onto the real topics.
 * Every event is checked against its contract schema before it is sent, so the tests speak the real interface.
 */
final class TestEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    // Demo directory (directory-service DemoDataLoader): organisations and services.
    static final UUID FWT = org("01"), CRASAC = org("02"), KAIROS = org("03"), HAVEN = org("04"), CELC = org("05");
    static final UUID COVENTRY = demoId("partnership:coventry");
    static final UUID CELC_IMMIGRATION = demoId("service:celc-immigration");
    static final UUID HAVEN_REFUGE = demoId("service:haven-refuge");
    static final UUID CRASAC_COUNSELLING = demoId("service:crasac-counselling");

    private static KafkaProducer<String, byte[]> producer;

    private TestEvents() {
    }

    static UUID org(String suffix) {
        return UUID.fromString("5e1f0000-0000-4000-8000-0000000000" + suffix);
    }

    static UUID demoId(String key) {
        return UUID.nameUUIDFromBytes(("pathways-demo:" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** A demo user's Keycloak id: the subject of her real token. */
    static UUID userId(String username) {
        String payload = Tokens.forUser(username).split("\\.")[1];
        try {
            return UUID.fromString(JSON.readTree(Base64.getUrlDecoder().decode(payload)).path("sub").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A referral between two organisations, and the events of its life. */
    record Referral(UUID referralId, UUID pathwayId, UUID subjectId, UUID from, UUID to, UUID toService) {

        static Referral of(UUID from, UUID to, UUID toService) {
            return new Referral(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), from, to, toService);
        }

        /** Another referral for the same woman (same subject and pathway). */
        Referral onward(UUID from, UUID to, UUID toService) {
            return new Referral(UUID.randomUUID(), pathwayId, subjectId, from, to, toService);
        }

        ObjectNode base(String state, int version) {
            ObjectNode d = JSON.createObjectNode();
            d.put("referralId", referralId.toString());
            d.put("pathwayId", pathwayId.toString());
            d.put("subjectId", subjectId.toString());
            d.put("fromOrganisationId", from.toString());
            d.put("toOrganisationId", to.toString());
            d.put("toServiceId", toService.toString());
            d.put("state", state);
            d.put("version", version);
            d.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
            return d;
        }

        EventEnvelope sent(UUID actor) {
            ObjectNode d = base("SENT", 1);
            d.put("previousState", "DRAFT");
            d.put("actorUserId", actor.toString());
            return event(EventTypes.REFERRAL_SENT, referralId, d);
        }

        EventEnvelope transition(String type, String state, String previous, int version, UUID actor, String reason) {
            ObjectNode d = base(state, version);
            d.put("previousState", previous);
            if (actor != null) d.put("actorUserId", actor.toString());
            if (reason != null) d.put("reasonCode", reason);
            if ("ON_HOLD".equals(state)) d.put("reviewAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(14).toString());
            return event(type, referralId, d);
        }

        EventEnvelope timer(String type, int version) {
            ObjectNode d = base("SENT", version);
            d.put("dueAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString());
            return event(type, referralId, d);
        }

        EventEnvelope accessEnded(UUID organisation, String cause, String state, int version) {
            ObjectNode d = base(state, version);
            d.put("organisationId", organisation.toString());
            d.put("cause", cause);
            return event(EventTypes.REFERRAL_ACCESS_ENDED, referralId, d);
        }
    }

    static EventEnvelope overrideRequested(UUID org, UUID partnership) {
        ObjectNode d = JSON.createObjectNode();
        UUID id = UUID.randomUUID();
        d.put("overrideId", id.toString());
        d.put("version", 1);
        d.put("subjectId", UUID.randomUUID().toString());
        d.put("partnershipId", partnership.toString());
        d.put("organisationId", org.toString());
        d.put("state", "REQUESTED");
        d.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return event(EventTypes.CONSENT_OVERRIDE_REQUESTED, id, d);
    }

    static EventEnvelope overrideApproved(UUID org, UUID partnership, UUID approver) {
        ObjectNode d = JSON.createObjectNode();
        UUID id = UUID.randomUUID();
        d.put("overrideId", id.toString());
        d.put("version", 2);
        d.put("subjectId", UUID.randomUUID().toString());
        d.put("partnershipId", partnership.toString());
        d.put("organisationId", org.toString());
        d.put("approverUserId", approver.toString());
        d.put("state", "APPROVED");
        d.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return event(EventTypes.CONSENT_OVERRIDE_APPROVED, id, d);
    }

    static EventEnvelope consentExpiring(UUID org, UUID partnership, UUID leadWorker) {
        return consentExpiring(org, partnership, leadWorker, UUID.randomUUID());
    }

    static EventEnvelope consentExpiring(UUID org, UUID partnership, UUID leadWorker, UUID subjectId) {
        ObjectNode d = JSON.createObjectNode();
        UUID id = UUID.randomUUID();
        d.put("consentId", id.toString());
        d.put("version", 1);
        d.put("subjectId", subjectId.toString());
        d.put("partnershipId", partnership.toString());
        d.put("organisationId", org.toString());
        if (leadWorker != null) d.put("leadWorkerUserId", leadWorker.toString());
        d.put("state", "ACTIVE");
        d.put("expiresAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(10).toString());
        d.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return event(EventTypes.CONSENT_EXPIRING, id, d);
    }

    /** As referral-service publishes them: her registration (version 0) and a handover to another lead worker. */
    static EventEnvelope subjectRegistered(UUID subjectId, UUID org, UUID leadWorker) {
        ObjectNode d = JSON.createObjectNode().put("subjectId", subjectId.toString()).put("organisationId", org.toString())
                .put("leadWorkerUserId", leadWorker.toString()).put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return event(EventTypes.SUBJECT_REGISTERED, subjectId, d);
    }

    static EventEnvelope leadWorkerChanged(UUID subjectId, UUID org, UUID leadWorker, int version) {
        ObjectNode d = JSON.createObjectNode().put("subjectId", subjectId.toString()).put("organisationId", org.toString())
                .put("leadWorkerUserId", leadWorker.toString()).put("version", version)
                .put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return event(EventTypes.SUBJECT_LEAD_WORKER_CHANGED, subjectId, d);
    }

    /** One safeguarding override and its events, sharing one override id (the record key). */
    record SafeguardingOverride(UUID overrideId, UUID subjectId, UUID organisation, UUID partnership) {

        static SafeguardingOverride of(UUID organisation, UUID partnership) {
            return new SafeguardingOverride(UUID.randomUUID(), UUID.randomUUID(), organisation, partnership);
        }

        private ObjectNode base(String state, int version) {
            ObjectNode d = JSON.createObjectNode();
            d.put("overrideId", overrideId.toString());
            d.put("version", version);
            d.put("subjectId", subjectId.toString());
            d.put("partnershipId", partnership.toString());
            d.put("organisationId", organisation.toString());
            d.put("state", state);
            d.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
            return d;
        }

        EventEnvelope requested(UUID requester) {
            ObjectNode d = base("REQUESTED", 1);
            d.put("actorUserId", requester.toString());
            d.put("validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString());
            return event(EventTypes.CONSENT_OVERRIDE_REQUESTED, overrideId, d);
        }

        EventEnvelope approved(UUID requester, UUID approver) {
            ObjectNode d = base("APPROVED", 2);
            d.put("actorUserId", requester.toString());
            d.put("approverUserId", approver.toString());
            d.put("validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString());
            return event(EventTypes.CONSENT_OVERRIDE_APPROVED, overrideId, d);
        }

        /** As consent-service publishes a refusal (ADR 0090): the requester, the refuser and a reason code. */
        EventEnvelope refused(UUID requester, UUID refuser, String reasonCode) {
            ObjectNode d = base("REFUSED", 2);
            if (requester != null) d.put("actorUserId", requester.toString());
            d.put("refuserUserId", refuser.toString());
            d.put("reasonCode", reasonCode);
            return event(EventTypes.CONSENT_OVERRIDE_REFUSED, overrideId, d);
        }

        /** As consent-service's expiry job publishes it: ids, states and times, no actor (ADR 0021). */
        EventEnvelope expired(String previousState, int version) {
            ObjectNode d = base("EXPIRED", version);
            d.put("previousState", previousState);
            d.put("validUntil", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString());
            return event(EventTypes.CONSENT_OVERRIDE_EXPIRED, overrideId, d);
        }
    }

    /** As directory-service's stale-capacity job publishes it (ADR 0013): ids, the status and when it was confirmed. */
    static EventEnvelope capacityStale(UUID service, UUID organisation, String status) {
        ObjectNode d = JSON.createObjectNode();
        d.put("serviceId", service.toString());
        d.put("organisationId", organisation.toString());
        d.put("capacityStatus", status);
        d.put("capacityUpdatedAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(15).toString());
        d.put("version", 3);
        d.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return event(EventTypes.DIRECTORY_CAPACITY_STALE, service, d);
    }

    /** Her consent withdrawn (scope WHOLE: state WITHDRAWN; PARTIAL: the narrower version is ACTIVE). */
    static EventEnvelope consentWithdrawn(UUID consentId, int version, UUID subjectId, UUID org, UUID actor, String scope) {
        ObjectNode d = JSON.createObjectNode();
        d.put("consentId", consentId.toString());
        d.put("version", version);
        d.put("subjectId", subjectId.toString());
        d.put("partnershipId", COVENTRY.toString());
        d.put("organisationId", org.toString());
        d.put("actorUserId", actor.toString());
        d.put("state", "WHOLE".equals(scope) ? "WITHDRAWN" : "ACTIVE");
        d.put("scope", scope);
        d.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return event(EventTypes.CONSENT_WITHDRAWN, consentId, d);
    }

    static EventEnvelope event(String type, UUID subject, JsonNode data) {
        var violations = EventSchemas.validate(type, data);
        if (!violations.isEmpty()) throw new IllegalArgumentException("test event does not match its schema: " + violations);
        return EventEnvelope.of(URI.create("/test"), type, subject.toString(), data);
    }

    static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Publishes on the event type's topic, keyed by the subject, and waits for the broker's acknowledgement. */
    static EventEnvelope publish(EventEnvelope e) {
        send(EventTypes.topicOf(e.type()), e.subject(), e.toBytes());
        return e;
    }

    static void send(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception ex) {
            throw new IllegalStateException("could not publish a test event", ex);
        }
    }
}
