package org.pathways.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The rules of ADR 0007 on plain documents: what main's referral-service document looked like, and a good one. */
class ApiDescriptionRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** POST /api/referrals as main (fb8f25d) documented it: 200 with {}, no 404/422/503, errors without bodies. */
    private static final String BEFORE = """
            {"paths":{"/api/referrals":{"post":{"security":[{"SecurityScheme":[]}],
              "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/SendReferral"}}}},
              "responses":{"200":{"content":{"application/json":{"schema":{}}}},"400":{},"401":{},"403":{}}}},
             "/api/subjects/{id}/summary/sections/{category}":{"parameters":[{"name":"id","in":"path"}],
              "put":{"security":[{"SecurityScheme":[]}],
              "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/JsonNode"}}}},
              "responses":{"200":{"content":{"application/json":{"schema":{}}}},"401":{},"403":{}}}}},
             "components":{"schemas":{"JsonNode":{"type":"object"},
              "SectionView":{"type":"object","properties":{"content":{"$ref":"#/components/schemas/JsonNode"},
                "referrals":{"type":"array","items":{}}}}}}}
            """;

    private static final String AFTER = """
            {"paths":{"/api/referrals":{"post":{"security":[{"SecurityScheme":[]}],
              "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/SendReferral"}}}},
              "responses":{"201":{"headers":{"Location":{"schema":{"type":"string"}}},
                                  "content":{"application/json":{"schema":{"$ref":"#/components/schemas/ReferralView"}}}},
                "400":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},
                "401":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},
                "403":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},
                "404":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},
                "415":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},
                "422":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},
                "503":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}},
             "/api/things/{id}":{"delete":{"parameters":[{"name":"id","in":"path"}],"security":[{"SecurityScheme":[]}],
              "responses":{"204":{"description":"Deleted"},
                "400":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},
                "401":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},
                "403":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},
                "404":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}},
             "components":{"schemas":{"Problem":{"type":"object","properties":{"status":{"type":"integer"}}},
              "SectionContent":{"oneOf":[{"$ref":"#/components/schemas/Story"}]}}}}
            """;

    private static final Map<String, Set<String>> SEEN = Map.of("POST /api/referrals", Set.of("201", "404", "422", "503"));

    @Test
    void mainsDocumentBreaksTheRules() throws Exception {
        List<String> failures = ApiDescriptionRules.check(JSON.readTree(BEFORE), SEEN);
        for (String expected : List.of("components.schemas has no Problem", "POST /api/referrals: 200 application/json body is untyped",
                "POST /api/referrals: 400 is not application/problem+json Problem", "POST /api/referrals: answers 201 but does not document it",
                "POST /api/referrals: answers 422 but does not document it", "POST /api/referrals: answers 503 but does not document it",
                "POST /api/referrals: takes a body but 415 not documented",
                "PUT /api/subjects/{id}/summary/sections/{category}: request body application/json is untyped",
                "PUT /api/subjects/{id}/summary/sections/{category}: has a path parameter but 404 not documented",
                "PUT /api/subjects/{id}/summary/sections/{category}: takes input but 400 not documented",
                "schema SectionView.content is untyped", "schema SectionView.referrals is untyped")) {
            assertTrue(failures.contains(expected), expected + " not found in " + failures);
        }
    }

    @Test
    void aDocumentThatKeepsThemPasses() throws Exception {
        assertEquals(List.of(), ApiDescriptionRules.check(JSON.readTree(AFTER), SEEN));
    }

    @Test
    void untypedMeansNoShape() throws Exception {
        assertTrue(ApiDescriptionRules.untyped(JSON.readTree("{}")));
        assertTrue(ApiDescriptionRules.untyped(JSON.readTree("{\"type\":\"object\",\"additionalProperties\":{}}")));
        assertTrue(ApiDescriptionRules.untyped(JSON.readTree("{\"type\":\"array\",\"items\":{}}")));
        assertTrue(ApiDescriptionRules.untyped(JSON.readTree("{\"$ref\":\"#/components/schemas/JsonNode\"}")));
        assertTrue(!ApiDescriptionRules.untyped(JSON.readTree("{\"type\":\"string\"}")));
        assertTrue(!ApiDescriptionRules.untyped(JSON.readTree("{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/X\"}}")));
        JsonNode map = JSON.readTree("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}");
        assertTrue(!ApiDescriptionRules.untyped(map));
    }
}
