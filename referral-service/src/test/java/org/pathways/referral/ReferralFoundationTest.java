package org.pathways.referral;

import java.util.Map;
import java.util.Set;

import org.pathways.platform.testing.ServiceFoundationContract;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
class ReferralFoundationTest extends ServiceFoundationContract {

    @Override
    protected String serviceName() {
        return "referral-service";
    }

    /** A representative set of answers this service's integration tests see (ADR 0007: each is documented). */
    @Override
    protected Map<String, Set<String>> answersSeenInTests() {
        return Map.ofEntries(
                Map.entry("POST /api/subjects", Set.of("201", "400", "401", "403")),
                Map.entry("POST /api/referrals", Set.of("201", "400", "404", "422", "503")),
                Map.entry("POST /api/referrals/{id}/transitions", Set.of("200", "400", "404", "409", "412", "422", "428")),
                Map.entry("PUT /api/subjects/{id}/summary/sections/{category}", Set.of("200", "400", "404", "409")),
                Map.entry("GET /api/referrals/{id}/summary", Set.of("200", "403", "404")),
                Map.entry("POST /api/referrals/{id}/claim", Set.of("200", "400", "403", "409", "503")),
                Map.entry("POST /api/referrals/{id}/children", Set.of("201", "403", "409", "422")),
                Map.entry("PUT /api/subjects/{id}/lead-worker", Set.of("200", "400", "409", "503")),
                Map.entry("POST /api/subjects/{id}/erasure-requests", Set.of("200", "201")),
                Map.entry("POST /api/erasure-requests/{requestId}/approval", Set.of("200", "403", "409")),
                Map.entry("GET /api/reports/partnerships/{partnershipId}/periods/{periodId}", Set.of("200", "400", "404", "409")));
    }
}
