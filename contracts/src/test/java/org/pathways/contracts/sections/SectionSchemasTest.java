package org.pathways.contracts.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.vocab.ImmigrationDocument;
import org.pathways.contracts.vocab.ImmigrationStatus;
import org.pathways.contracts.vocab.RouteOfEntry;
import org.pathways.contracts.vocab.VisaCategory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SectionSchemasTest {

    private static JsonNode immigrationSchema() throws Exception {
        try (InputStream in = SectionSchemas.class.getClassLoader().getResourceAsStream(SectionSchemas.RESOURCE_DIR + "IMMIGRATION.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<String> enumOf(JsonNode schema, String def) {
        List<String> out = new ArrayList<>();
        schema.path("$defs").path(def).path("enum").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static <E extends Enum<E>> List<String> names(E[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    @Test
    void theImmigrationVocabularyIsTheJavaEnums() throws Exception {
        JsonNode schema = immigrationSchema();
        assertEquals(names(ImmigrationStatus.values()), enumOf(schema, "immigrationStatus"));
        assertEquals(names(VisaCategory.values()), enumOf(schema, "visaCategory"));
        assertEquals(names(ImmigrationDocument.values()), enumOf(schema, "immigrationDocument"));
        assertEquals(names(RouteOfEntry.values()), enumOf(schema, "routeOfEntry"));
    }

    @Test
    void aMonitoringRecordValidatesAndABadCodeDoesNot() {
        String ok = """
                {"noRecourseToPublicFunds": true, "ddvcEligible": true, "applicationsInProgress": ["DDVC"],
                 "onEntryToUk": {"status": "LIMITED_LEAVE", "visa": "SPOUSE_OR_PARTNER", "statusSheBelieves": "INDEFINITE_LEAVE",
                                 "visaSheBelieves": "SPOUSE_OR_PARTNER"},
                 "onEnteringSupport": {"status": "NO_LEAVE", "visa": "NONE", "statusSheBelieves": "UNKNOWN"},
                 "onLeavingSupport": {"status": "DDVC_CONCESSION_LEAVE", "visa": null, "statusSheBelieves": null},
                 "confirmedBy": ["HOME_OFFICE_LETTER", "ADVISER_CONFIRMATION"], "routeOfEntry": "WITH_VISA"}
                """;
        assertEquals(List.of(), SectionSchemas.validate("IMMIGRATION", ok));
        assertEquals(List.of(), SectionSchemas.validate("IMMIGRATION", "{}"));
        assertFalse(SectionSchemas.validate("IMMIGRATION", "{\"onEntryToUk\": {\"status\": \"SETTLED\"}}").isEmpty());
        assertFalse(SectionSchemas.validate("IMMIGRATION", "{\"routeOfEntry\": \"BY_BOAT\"}").isEmpty());
        assertFalse(SectionSchemas.validate("IMMIGRATION", "{\"nationality\": \"X\"}").isEmpty(), "unknown fields are refused");
        assertTrue(SectionSchemas.validate("IMMIGRATION", "{\"confirmedBy\": [\"EVISA\", \"EVISA\"]}").size() > 0, "no repeats");
    }
}
