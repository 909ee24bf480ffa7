package org.pathways.systemtests.consent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Request bodies for tests. */
final class ConsentBodies {

    private ConsentBodies() {
    }

    static Map<String, Object> recipient(String type, String id) {
        return Map.of("type", type, "id", id);
    }

    static Map<String, Object> provision(List<Map<String, Object>> recipients, List<String> purposes,
                                         List<String> categories) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Map.of("recipients", recipients, "purposes", purposes, "categories", categories,
                "validFrom", now.minusMinutes(1).toString(), "validUntil", now.plusMonths(6).toString());
    }

    static Map<String, Object> consent(String partnershipId, List<Map<String, Object>> provisions) {
        return Map.of("partnershipId", partnershipId, "provisions", provisions, "obtainedMethod", "VERBAL",
                "language", "pa", "interpreterUsed", true, "art6Basis", "CONSENT", "art9Condition", "EXPLICIT_CONSENT",
                "explanationNote", "Explained with a Punjabi interpreter, using the leaflet.");
    }

    static Map<String, Object> newVersion(int basedOn, List<Map<String, Object>> provisions) {
        return Map.of("basedOnVersion", basedOn, "provisions", provisions, "obtainedMethod", "WRITTEN",
                "language", "en", "interpreterUsed", false, "art6Basis", "CONSENT", "art9Condition", "EXPLICIT_CONSENT");
    }

    static Map<String, Object> decision(String subject, String partnership, String organisation, String purpose,
                                        List<String> categories) {
        return Map.of("subjectId", subject, "partnershipId", partnership,
                "recipient", Map.of("organisationId", organisation), "purpose", purpose, "categories", categories);
    }
}
