package org.pathways.consent;

import java.util.Map;
import java.util.Set;

import org.pathways.platform.testing.ServiceFoundationContract;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = StackWithDirectory.class, initArgs = @ResourceArg(name = "service", value = "consent"))
class ConsentFoundationTest extends ServiceFoundationContract {

    @Override
    protected String serviceName() {
        return "consent-service";
    }

    /** A representative set of answers this service's integration tests see (ADR 0007: each is documented). */
    @Override
    protected Map<String, Set<String>> answersSeenInTests() {
        return Map.ofEntries(
                Map.entry("POST /api/subjects/{subjectId}/consents", Set.of("201", "400", "404", "409")),
                Map.entry("POST /api/consents/{consentId}/versions", Set.of("200", "400", "404", "409")),
                Map.entry("POST /api/consents/{consentId}/withdrawals", Set.of("200", "400", "409", "422")),
                Map.entry("POST /api/subjects/{subjectId}/overrides", Set.of("201", "400", "404")),
                Map.entry("POST /api/overrides/{overrideId}/approval", Set.of("200", "403", "404", "409")),
                Map.entry("POST /api/decisions", Set.of("200", "400", "404")));
    }
}
