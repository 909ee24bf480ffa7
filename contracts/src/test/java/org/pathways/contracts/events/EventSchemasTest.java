package org.pathways.contracts.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.contracts.events.ExamplePayloads.MAPPER;
import static org.pathways.contracts.events.ExamplePayloads.fieldNames;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathways.contracts.vocab.NeedCode;
import org.pathways.contracts.vocab.ReasonCode;
import org.pathways.contracts.vocab.ReferralState;

class EventSchemasTest {

    /** The only shared definitions a payload property may use: identifiers, codes, states, versions, timestamps. */
    private static final Set<String> ALLOWED_DEFINITIONS = Set.of("uuid", "timestamp", "version", "referralState",
            "reasonCode", "needCode", "eligibilityCode", "capacityStatus", "consentState", "overrideState", "accessEndedCause");

    static Stream<String> eventTypes() {
        return EventTypes.all().stream();
    }

    static Stream<String> schemaFiles() {
        return EventSchemas.schemaFileNames().stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEventTypeHasASchemaFile(String type) {
        URL resource = getClass().getClassLoader()
                .getResource(EventSchemas.RESOURCE_DIR + EventSchemas.schemaFileName(type));
        assertNotNull(resource, "no schema for " + type);
        assertEquals(type, ExamplePayloads.schemaJson(EventSchemas.schemaFileName(type)).path("title").asText());
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void everySchemaCompilesAsDraft2020_12(String fileName) {
        assertEquals("https://json-schema.org/draft/2020-12/schema",
                ExamplePayloads.schemaJson(fileName).path("$schema").asText());
        assertDoesNotThrow(() -> EventSchemas.schema(fileName));
    }

    @Test
    void thereAreNoOrphanSchemaFiles() throws URISyntaxException {
        URL dir = getClass().getClassLoader().getResource(EventSchemas.RESOURCE_DIR);
        assertNotNull(dir);
        Set<String> files = Arrays.stream(new File(dir.toURI()).list()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EventSchemas.schemaFileNames()), files);
        assertDoesNotThrow(EventSchemas::preload);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyPayloadSchemaIsClosedAndCarriesOnlyIdentifiersAndCodes(String type) {
        JsonNode schema = ExamplePayloads.schemaJson(EventSchemas.schemaFileName(type));
        assertEquals("object", schema.path("type").asText(), type);
        assertTrue(schema.path("additionalProperties").isBoolean(), type + " must set additionalProperties");
        assertFalse(schema.path("additionalProperties").asBoolean(), type + " must not allow additional properties");
        assertFalse(schema.has("patternProperties"), type);
        for (String property : fieldNames(schema.path("properties"))) {
            assertIdentifierOrCode(type + "." + property, schema.path("properties").path(property));
        }
        for (JsonNode required : schema.path("required")) {
            assertTrue(schema.path("properties").has(required.asText()), type + " requires an undefined property");
        }
    }

    /** No free text: every leaf is a shared definition, a constant or an enumeration (or an array of those). */
    private static void assertIdentifierOrCode(String where, JsonNode property) {
        if (property.has("$ref")) {
            String ref = property.get("$ref").asText();
            assertTrue(ref.startsWith(EventSchemas.DEFINITIONS_SCHEMA + "#/$defs/"), where + " refers outside defs");
            assertTrue(ALLOWED_DEFINITIONS.contains(ref.substring(ref.lastIndexOf('/') + 1)), where + " uses " + ref);
        } else if (property.has("const") || property.has("enum")) {
            assertFalse(property.has("type") && !"string".equals(property.path("type").asText()), where);
        } else if ("array".equals(property.path("type").asText())) {
            assertTrue(property.has("maxItems"), where + " arrays are bounded");
            assertIdentifierOrCode(where + "[]", property.path("items"));
        } else if ("object".equals(property.path("type").asText())) {
            // A closed object of identifiers and codes (a team member: user, organisation, role; ADR 0069).
            assertFalse(property.path("additionalProperties").asBoolean(true), where + " objects are closed");
            for (String inner : fieldNames(property.path("properties"))) {
                assertIdentifierOrCode(where + "." + inner, property.path("properties").path(inner));
            }
        } else {
            throw new AssertionError(where + " is neither an identifier, a code, a version nor a timestamp");
        }
    }

    @Test
    void sharedEnumerationsMatchTheJavaVocabularies() {
        assertEquals(codes(Arrays.stream(NeedCode.values()).map(NeedCode::code)),
                codes(ExamplePayloads.definition("needCode").path("enum")));
        assertEquals(codes(Arrays.stream(org.pathways.contracts.vocab.EligibilityCode.values())
                .map(org.pathways.contracts.vocab.EligibilityCode::code)), codes(ExamplePayloads.definition("eligibilityCode").path("enum")));
        assertEquals(codes(Arrays.stream(ReasonCode.values()).map(ReasonCode::code)),
                codes(ExamplePayloads.definition("reasonCode").path("enum")));
        assertEquals(codes(Arrays.stream(ReferralState.values()).map(ReferralState::code)),
                codes(ExamplePayloads.definition("referralState").path("enum")));
        // Issue 16 (ADR 0055): escalation and decline-review codes, listed in their events' schemas.
        assertEquals(codes(Arrays.stream(org.pathways.contracts.vocab.ChallengeReason.values()).map(Enum::name)),
                codes(ExamplePayloads.schemaJson(EventSchemas.schemaFileName(EventTypes.REFERRAL_CHALLENGE_RAISED))
                        .path("properties").path("reasonCode").path("enum")));
        // Issue 15 screen 6 (ADR 0090): why an override was refused, listed in the refused event's schema.
        assertEquals(codes(Arrays.stream(org.pathways.contracts.vocab.OverrideRefusalReason.values()).map(Enum::name)),
                codes(ExamplePayloads.schemaJson(EventSchemas.schemaFileName(EventTypes.CONSENT_OVERRIDE_REFUSED))
                        .path("properties").path("reasonCode").path("enum")));
        // Issue 16 item 3 (ADR 0069): team roles, listed in the team-changed schema.
        assertEquals(codes(Arrays.stream(org.pathways.contracts.vocab.TeamRole.values()).map(Enum::name)),
                codes(ExamplePayloads.schemaJson(EventSchemas.schemaFileName(EventTypes.SUBJECT_TEAM_CHANGED))
                        .path("properties").path("members").path("items").path("properties").path("role").path("enum")));
        assertEquals(codes(Arrays.stream(org.pathways.contracts.vocab.ChallengeOutcome.values()).map(Enum::name)),
                codes(ExamplePayloads.schemaJson(EventSchemas.schemaFileName(EventTypes.REFERRAL_CHALLENGE_ANSWERED))
                        .path("properties").path("outcome").path("enum")));
    }

    @Test
    void transitionEventsMatchTheLifecycleTable() {
        for (ReferralState state : ReferralState.values()) {
            if (state == ReferralState.DRAFT) {
                continue; // drafts are private to the referrer: no event
            }
            String type = "pathways.referral." + state.name().toLowerCase().replace('_', '-');
            assertTrue(EventTypes.isKnown(type), "no event type for " + state);
            JsonNode properties = ExamplePayloads.schemaJson(EventSchemas.schemaFileName(type)).path("properties");
            assertEquals(state.code(), properties.path("state").path("const").asText(), type);
            JsonNode previous = properties.path("previousState");
            Set<String> allowedPrevious = previous.has("const") ? Set.of(previous.get("const").asText())
                    : codes(previous.path("enum"));
            assertEquals(codes(state.allowedSources().stream().map(ReferralState::code)), allowedPrevious, type);

            ObjectNode payload = ExamplePayloads.minimal(type);
            for (ReferralState from : ReferralState.values()) {
                payload.put("previousState", from.code());
                assertEquals(from.canMoveTo(state), EventSchemas.isValid(type, payload), type + " from " + from);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void aMinimalPayloadIsValidAndEveryRequiredPropertyIsNeeded(String type) {
        ObjectNode payload = ExamplePayloads.minimal(type);
        assertEquals(List.of(), EventSchemas.validate(type, payload), type);
        for (String property : new ArrayList<>(toList(fieldNames(payload)))) {
            ObjectNode without = payload.deepCopy();
            without.remove(property);
            List<String> violations = EventSchemas.validate(type, without);
            assertEquals(List.of("$: required property '" + property + "' not found"), violations, type);
        }
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void noEventTypeAcceptsANameOrANote(String type) {
        for (String personal : List.of("name", "note", "email", "dateOfBirth", "story")) {
            ObjectNode payload = ExamplePayloads.minimal(type);
            payload.put(personal, "Jane Doe");
            List<String> violations = EventSchemas.validate(type, payload);
            assertEquals(List.of("$." + personal + ": is not allowed (additionalProperties is false)"), violations,
                    type);
        }
    }

    @Test
    void aValidReferralSentPasses() {
        ObjectNode payload = ExamplePayloads.referralSent();
        assertEquals(List.of(), EventSchemas.validate(EventTypes.REFERRAL_SENT, payload));
        payload.put("replacesReferralId", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
        assertTrue(EventSchemas.isValid(EventTypes.REFERRAL_SENT, payload), "re-routed referral");
    }

    @Test
    void aReferralSentWithANameOrANoteFails() {
        for (String field : List.of("name", "note")) {
            ObjectNode payload = ExamplePayloads.referralSent();
            payload.put(field, "Jane Doe, 12 Acacia Avenue");
            List<String> violations = EventSchemas.validate(EventTypes.REFERRAL_SENT, payload);
            assertEquals(1, violations.size(), violations.toString());
            assertTrue(violations.get(0).startsWith("$." + field + ":"), violations.toString());
            assertFalse(violations.toString().contains("Jane"), "violations never echo values");
        }
        ObjectNode nested = ExamplePayloads.referralSent();
        nested.putObject("person").put("name", "Jane Doe");
        assertFalse(EventSchemas.isValid(EventTypes.REFERRAL_SENT, nested));
    }

    @Test
    void anUnknownReasonCodeFails() {
        ObjectNode payload = ExamplePayloads.minimal(EventTypes.REFERRAL_DECLINED);
        payload.put("reasonCode", ReasonCode.NO_CAPACITY.code());
        assertTrue(EventSchemas.isValid(EventTypes.REFERRAL_DECLINED, payload));

        payload.put("reasonCode", "SHE_SEEMED_UNRELIABLE");
        List<String> violations = EventSchemas.validate(EventTypes.REFERRAL_DECLINED, payload);
        assertEquals(List.of("$.reasonCode: is not one of the allowed values"), violations);

        payload.put("reasonCode", "no_capacity");
        assertFalse(EventSchemas.isValid(EventTypes.REFERRAL_DECLINED, payload), "codes are case-sensitive");
    }

    @Test
    void reasonsAreRequiredWhereTheTableRequiresThem() {
        for (String type : List.of(EventTypes.REFERRAL_DECLINED, EventTypes.REFERRAL_WITHDRAWN,
                EventTypes.REFERRAL_NOT_COMPLETED)) {
            ObjectNode payload = ExamplePayloads.minimal(type);
            payload.remove("reasonCode");
            assertEquals(List.of("$: required property 'reasonCode' not found"), EventSchemas.validate(type, payload));
        }
        ObjectNode accepted = ExamplePayloads.minimal(EventTypes.REFERRAL_ACCEPTED);
        assertFalse(accepted.has("reasonCode"));
        assertTrue(EventSchemas.isValid(EventTypes.REFERRAL_ACCEPTED, accepted));
    }

    @Test
    void identifiersTimestampsAndVersionsAreTyped() {
        ObjectNode payload = ExamplePayloads.referralSent();
        payload.put("referralId", "Jane Doe");
        payload.put("occurredAt", "last Tuesday");
        payload.put("version", "1");
        payload.put("subjectId", "5F0C1E2A-7D4B-4B8E-9A61-0F3C2D1E4B5A");
        List<String> violations = EventSchemas.validate(EventTypes.REFERRAL_SENT, payload);
        Set<String> paths = violations.stream().map(v -> v.substring(0, v.indexOf(':'))).collect(Collectors.toSet());
        assertEquals(Set.of("$.referralId", "$.occurredAt", "$.version", "$.subjectId"), paths, violations.toString());
        assertFalse(violations.toString().contains("Jane"));
        assertFalse(violations.toString().contains("Tuesday"));
    }

    @Test
    void theStateMustMatchTheEventType() {
        ObjectNode payload = ExamplePayloads.referralSent();
        payload.put("state", "ACCEPTED");
        assertEquals(List.of("$.state: must be the constant value 'SENT'"),
                EventSchemas.validate(EventTypes.REFERRAL_SENT, payload));
    }

    @Test
    void accessEndedAtATerminalStateNeedsATerminalState() {
        ObjectNode payload = ExamplePayloads.minimal(EventTypes.REFERRAL_ACCESS_ENDED);
        payload.put("cause", "TERMINAL_STATE");
        payload.put("state", "SENT");
        assertFalse(EventSchemas.isValid(EventTypes.REFERRAL_ACCESS_ENDED, payload));
        payload.put("state", "COMPLETED");
        assertTrue(EventSchemas.isValid(EventTypes.REFERRAL_ACCESS_ENDED, payload));
        payload.put("cause", "CONSENT_WITHDRAWN");
        payload.put("state", "ACCEPTED");
        payload.put("consentId", "6b5a4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d");
        assertTrue(EventSchemas.isValid(EventTypes.REFERRAL_ACCESS_ENDED, payload));
        payload.put("cause", "SHE_ASKED");
        assertFalse(EventSchemas.isValid(EventTypes.REFERRAL_ACCESS_ENDED, payload));
    }

    @Test
    void directoryEventsUseNeedCodesAndCapacityStatuses() {
        ObjectNode service = ExamplePayloads.minimal(EventTypes.DIRECTORY_SERVICE_UPDATED);
        service.putArray("needCodes").add(NeedCode.NRPF.code()).add(NeedCode.DDVC.code());
        service.put("capacityStatus", "WAITLIST");
        assertTrue(EventSchemas.isValid(EventTypes.DIRECTORY_SERVICE_UPDATED, service));
        service.putArray("needCodes").add("housing");
        assertEquals(List.of("$.needCodes[0]: is not one of the allowed values"),
                EventSchemas.validate(EventTypes.DIRECTORY_SERVICE_UPDATED, service));

        ObjectNode capacity = ExamplePayloads.minimal(EventTypes.DIRECTORY_CAPACITY_CHANGED);
        capacity.put("capacityStatus", "FULL");
        assertFalse(EventSchemas.isValid(EventTypes.DIRECTORY_CAPACITY_CHANGED, capacity));
    }

    @Test
    void locationChangesCarryIdsAndAChangeCodeNeverAnAddress() {
        ObjectNode location = ExamplePayloads.minimal(EventTypes.DIRECTORY_LOCATION_CHANGED);
        location.putArray("serviceIds").add("5f0c1e2a-7d4b-4b8e-9a61-0f3c2d1e4b5a");
        assertTrue(EventSchemas.isValid(EventTypes.DIRECTORY_LOCATION_CHANGED, location));
        location.put("change", "MOVED");
        assertFalse(EventSchemas.isValid(EventTypes.DIRECTORY_LOCATION_CHANGED, location));
        location.put("change", "UPDATED");
        for (String field : List.of("postcode", "address1", "latitude", "area")) {
            ObjectNode withPlace = location.deepCopy();
            withPlace.put(field, "CV1 1AA");
            assertFalse(EventSchemas.isValid(EventTypes.DIRECTORY_LOCATION_CHANGED, withPlace), field);
        }
    }

    @Test
    void aRoutingChangeCarriesIdsAndPartsNeverAMailboxOrUsername() {
        ObjectNode routing = ExamplePayloads.minimal(EventTypes.DIRECTORY_ROUTING_CHANGED);
        routing.putArray("parts").add("MAILBOX");
        routing.put("serviceId", "5f0c1e2a-7d4b-4b8e-9a61-0f3c2d1e4b5a");
        assertTrue(EventSchemas.isValid(EventTypes.DIRECTORY_ROUTING_CHANGED, routing));
        ObjectNode none = routing.deepCopy();
        none.putArray("parts");
        assertFalse(EventSchemas.isValid(EventTypes.DIRECTORY_ROUTING_CHANGED, none), "something changed");
        ObjectNode badSource = routing.deepCopy();
        badSource.put("source", "FEED");
        assertFalse(EventSchemas.isValid(EventTypes.DIRECTORY_ROUTING_CHANGED, badSource));
        for (String field : List.of("mailbox", "spocMailbox", "username", "spocUsername")) {
            ObjectNode withAddress = routing.deepCopy();
            withAddress.put(field, "coordinator@example.org");
            assertFalse(EventSchemas.isValid(EventTypes.DIRECTORY_ROUTING_CHANGED, withAddress), field);
        }
    }

    @Test
    void overrideApprovalNamesTheApprover() {
        ObjectNode approved = ExamplePayloads.minimal(EventTypes.CONSENT_OVERRIDE_APPROVED);
        assertTrue(approved.has("approverUserId"));
        assertTrue(EventSchemas.isValid(EventTypes.CONSENT_OVERRIDE_APPROVED, approved));
        ObjectNode requested = ExamplePayloads.minimal(EventTypes.CONSENT_OVERRIDE_REQUESTED);
        requested.put("approverUserId", approved.get("approverUserId").asText());
        assertFalse(EventSchemas.isValid(EventTypes.CONSENT_OVERRIDE_REQUESTED, requested),
                "a request has no approver yet");
    }

    @Test
    void widenedConsentNamesWhoWidenedItAndWhoIsToldByIdOnly() {
        // ADR 0027: the recording organisation and user, her registering organisation, her lead worker if any.
        ObjectNode widened = ExamplePayloads.minimal(EventTypes.CONSENT_WIDENED);
        assertTrue(widened.has("recordedByOrganisationId") && widened.has("registeringOrganisationId"));
        assertFalse(widened.has("leadWorkerUserId"), "the lead worker is optional");
        assertTrue(EventSchemas.isValid(EventTypes.CONSENT_WIDENED, widened));
        widened.put("leadWorkerUserId", "3d4e5f6a-7b8c-4d0e-9f2a-3b4c5d6e7f80");
        assertTrue(EventSchemas.isValid(EventTypes.CONSENT_WIDENED, widened));
        widened.put("leadWorkerUserId", "kairos.caseworker1");
        assertFalse(EventSchemas.isValid(EventTypes.CONSENT_WIDENED, widened), "a username is not an id");
        widened.remove("leadWorkerUserId");
        widened.put("explanationNote", "She agreed");
        assertFalse(EventSchemas.isValid(EventTypes.CONSENT_WIDENED, widened), "no free text");
        assertEquals(Topics.CONSENT_EVENTS, EventTypes.topicOf(EventTypes.CONSENT_WIDENED));
    }

    @Test
    void aPartialWithdrawalMayNameTheRecipientsItRemovedByIdOnly() {
        ObjectNode partial = ExamplePayloads.minimal(EventTypes.CONSENT_WITHDRAWN);
        assertTrue(EventSchemas.isValid(EventTypes.CONSENT_WITHDRAWN, partial), "optional: older events stay valid");
        partial.put("scope", "PARTIAL");
        partial.putArray("withdrawnRecipientIds").add("3d4e5f6a-7b8c-4d0e-9f2a-3b4c5d6e7f80");
        assertTrue(EventSchemas.isValid(EventTypes.CONSENT_WITHDRAWN, partial));
        partial.putArray("withdrawnRecipientIds").add("CELC");
        assertFalse(EventSchemas.isValid(EventTypes.CONSENT_WITHDRAWN, partial), "ids only");
    }

    @Test
    void subjectEventsCarryTheLeadWorkerAsAnIdOnly() {
        // subject.registered: the lead worker is optional (older producers and consumers keep working).
        ObjectNode registered = ExamplePayloads.minimal(EventTypes.SUBJECT_REGISTERED);
        assertFalse(registered.has("leadWorkerUserId"));
        assertTrue(EventSchemas.isValid(EventTypes.SUBJECT_REGISTERED, registered));
        registered.put("leadWorkerUserId", "3d4e5f6a-7b8c-4d0e-9f2a-3b4c5d6e7f80");
        assertTrue(EventSchemas.isValid(EventTypes.SUBJECT_REGISTERED, registered));
        registered.put("leadWorkerUserId", "kairos.caseworker1");
        assertFalse(EventSchemas.isValid(EventTypes.SUBJECT_REGISTERED, registered), "a username is not an id");

        // lead-worker-changed: the new lead worker and the subject's version are required (consumers order by it).
        ObjectNode changed = ExamplePayloads.minimal(EventTypes.SUBJECT_LEAD_WORKER_CHANGED);
        assertEquals(Set.of("subjectId", "organisationId", "leadWorkerUserId", "version", "occurredAt"),
                new HashSet<>(toList(fieldNames(changed))));
        assertTrue(EventSchemas.isValid(EventTypes.SUBJECT_LEAD_WORKER_CHANGED, changed));
        for (String field : List.of("leadWorkerUserId", "version")) {
            ObjectNode without = changed.deepCopy();
            without.remove(field);
            assertFalse(EventSchemas.isValid(EventTypes.SUBJECT_LEAD_WORKER_CHANGED, without), field);
        }
        ObjectNode negative = changed.deepCopy().put("version", -1);
        assertFalse(EventSchemas.isValid(EventTypes.SUBJECT_LEAD_WORKER_CHANGED, negative));
        for (String field : List.of("leadWorkerName", "previousLeadWorkerEmail")) {
            ObjectNode withName = changed.deepCopy();
            withName.put(field, "Jane Worker");
            assertFalse(EventSchemas.isValid(EventTypes.SUBJECT_LEAD_WORKER_CHANGED, withName), field);
        }
    }

    @Test
    void teamChangedCarriesMembersAsIdsAndRoleCodesOnly() {
        ObjectNode team = ExamplePayloads.minimal(EventTypes.SUBJECT_TEAM_CHANGED);
        assertTrue(EventSchemas.isValid(EventTypes.SUBJECT_TEAM_CHANGED, team), EventSchemas.validate(EventTypes.SUBJECT_TEAM_CHANGED, team).toString());
        ObjectNode member = (ObjectNode) team.path("members").get(0);
        assertEquals(Set.of("userId", "organisationId", "role"), new HashSet<>(toList(fieldNames(member))));
        ObjectNode empty = team.deepCopy();
        empty.putArray("members");
        assertTrue(EventSchemas.isValid(EventTypes.SUBJECT_TEAM_CHANGED, empty), "the last member left");
        ObjectNode named = team.deepCopy();
        ((ObjectNode) named.path("members").get(0)).put("name", "Jane Worker");
        assertFalse(EventSchemas.isValid(EventTypes.SUBJECT_TEAM_CHANGED, named), "no names in a member");
        ObjectNode badRole = team.deepCopy();
        ((ObjectNode) badRole.path("members").get(0)).put("role", "FRIEND");
        assertFalse(EventSchemas.isValid(EventTypes.SUBJECT_TEAM_CHANGED, badRole));
        ObjectNode username = team.deepCopy();
        ((ObjectNode) username.path("members").get(0)).put("userId", "cf.keyworker1");
        assertFalse(EventSchemas.isValid(EventTypes.SUBJECT_TEAM_CHANGED, username), "a username is not an id");
        ObjectNode without = team.deepCopy();
        without.remove("version");
        assertFalse(EventSchemas.isValid(EventTypes.SUBJECT_TEAM_CHANGED, without));
    }

    @Test
    void unknownTypesAndMissingPayloadsAreViolations() {
        assertEquals(List.of("$.type: unknown event type"),
                EventSchemas.validate("pathways.referral.teleported", ExamplePayloads.referralSent()));
        assertEquals(List.of("$.type: unknown event type"), EventSchemas.validate(null, MAPPER.createObjectNode()));
        assertEquals(List.of("$: payload missing"), EventSchemas.validate(EventTypes.REFERRAL_SENT, null));
        assertEquals(List.of("$: array found, object expected"),
                EventSchemas.validate(EventTypes.REFERRAL_SENT, MAPPER.createArrayNode()));
    }

    @Test
    void validateEnvelopeChecksTheEnvelopeAndItsData() {
        EventEnvelope event = EventEnvelope.of(URI.create("/referral-service"), EventTypes.REFERRAL_SENT,
                ExamplePayloads.referralSent().get("referralId").asText(), ExamplePayloads.referralSent());
        assertEquals(List.of(), EventSchemas.validateEnvelope(event.toBytes()));

        ObjectNode data = ExamplePayloads.referralSent();
        data.put("note", "she is staying with her sister");
        EventEnvelope leaky = EventEnvelope.of(URI.create("/referral-service"), EventTypes.REFERRAL_SENT,
                data.get("referralId").asText(), data);
        List<String> violations = EventSchemas.validateEnvelope(leaky.toBytes());
        assertEquals(List.of("$.data.note: is not allowed (additionalProperties is false)"), violations);
        assertFalse(violations.toString().contains("sister"));
    }

    @Test
    void validateEnvelopeRejectsWhatTheEnvelopeSchemaForbids() throws Exception {
        ObjectNode envelope = (ObjectNode) MAPPER.readTree(EventEnvelope.of(URI.create("/directory-service"),
                EventTypes.DIRECTORY_CAPACITY_CHANGED, "2c3d4e5f-6a7b-4c9d-8e1f-2a3b4c5d6e7f",
                ExamplePayloads.minimal(EventTypes.DIRECTORY_CAPACITY_CHANGED)).toBytes());
        assertEquals(List.of(), EventSchemas.validateEnvelope(MAPPER.writeValueAsBytes(envelope)));

        ObjectNode extension = envelope.deepCopy();
        extension.put("personname", "Jane Doe");
        assertEquals(List.of("$.personname: is not allowed (additionalProperties is false)"),
                EventSchemas.validateEnvelope(MAPPER.writeValueAsBytes(extension)));

        ObjectNode oldSpec = envelope.deepCopy();
        oldSpec.put("specversion", "0.3");
        assertEquals(List.of("$.specversion: must be the constant value '1.0'"),
                EventSchemas.validateEnvelope(MAPPER.writeValueAsBytes(oldSpec)));

        ObjectNode nameAsKey = envelope.deepCopy();
        nameAsKey.put("subject", "jane.doe@example.org");
        List<String> subject = EventSchemas.validateEnvelope(MAPPER.writeValueAsBytes(nameAsKey));
        assertFalse(subject.isEmpty(), "the subject (Kafka key) must be an opaque id");
        assertTrue(subject.stream().allMatch(v -> v.startsWith("$.subject:")), subject.toString());

        ObjectNode unknownType = envelope.deepCopy();
        unknownType.put("type", "pathways.directory.teleported");
        assertEquals(List.of("$.type: unknown event type"),
                EventSchemas.validateEnvelope(MAPPER.writeValueAsBytes(unknownType)));

        ObjectNode missing = envelope.deepCopy();
        missing.remove(List.of("time", "subject"));
        assertEquals(Set.of("$: required property 'time' not found", "$: required property 'subject' not found"),
                new HashSet<>(EventSchemas.validateEnvelope(MAPPER.writeValueAsBytes(missing))));

        assertEquals(List.of("$: not JSON"), EventSchemas.validateEnvelope("Jane Doe".getBytes()));
        assertEquals(List.of("$: empty"), EventSchemas.validateEnvelope(new byte[0]));
    }

    private static Set<String> codes(Stream<String> codes) {
        return codes.collect(Collectors.toSet());
    }

    private static Set<String> codes(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        assertEquals(array.size(), out.size(), "duplicate codes in " + array);
        return out;
    }

    private static List<String> toList(Iterable<String> it) {
        List<String> out = new ArrayList<>();
        it.forEach(out::add);
        return out;
    }
}
