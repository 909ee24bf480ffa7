package org.pathways.directory;

import java.util.Map;
import java.util.Set;

import org.pathways.platform.testing.ServiceFoundationContract;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class DirectoryFoundationTest extends ServiceFoundationContract {

    @Override
    protected String serviceName() {
        return "directory-service";
    }

    /** A representative set of answers this service's integration tests see (ADR 0007: each is documented). */
    @Override
    protected Map<String, Set<String>> answersSeenInTests() {
        return Map.ofEntries(
                Map.entry("POST /api/services", Set.of("201", "400", "422")),
                Map.entry("POST /api/partnerships", Set.of("201", "400", "409")),
                Map.entry("POST /api/partnerships/{id}/members", Set.of("201", "404", "409", "422")),
                Map.entry("DELETE /api/partnerships/{id}/members/{organisationId}", Set.of("204", "404", "409")),
                Map.entry("DELETE /api/locations/{id}", Set.of("204", "404", "409")),
                Map.entry("GET /api/search", Set.of("200", "400", "422")),
                Map.entry("GET /services", Set.of("200", "400", "422")),
                Map.entry("GET /services/{id}", Set.of("200", "404")),
                Map.entry("POST /api/import", Set.of("200", "400", "403")));
    }
}
