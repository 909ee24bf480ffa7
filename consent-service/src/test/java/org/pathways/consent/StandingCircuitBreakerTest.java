package org.pathways.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pathways.consent.client.ReferralStandingClient;
import org.pathways.platform.rest.ProblemException;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The standing call to referral-service under SmallRye Fault Tolerance (ADR 0027). referral-service does not run in this
 * module's tests (it is built after this module), so every call here fails to connect: each is the one 503 problem, and
 * after five failures of ten the circuit opens, so the next requests get the 503 at once instead of each trying (and,
 * for a slow referral-service, each waiting out the timeout). Before Fault Tolerance there was no circuit to open.
 */
@QuarkusTest
@QuarkusTestResource(value = StackWithDirectory.class, initArgs = @ResourceArg(name = "service", value = "consent"))
class StandingCircuitBreakerTest {

    @Inject
    ReferralStandingClient client;

    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void close() {
        breakers.reset(ReferralStandingClient.BREAKER);
    }

    private int ask() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> client.ask(UUID.randomUUID(), UUID.randomUUID(), "someone", List.of("caseworker")));
        assertTrue(e.problem().type().toString().endsWith("referral-service-unavailable"), e.problem().type().toString());
        return e.problem().status();
    }

    @Test
    void whileReferralServiceIsDownEveryCallIsA503AndTheCircuitOpens() {
        breakers.reset(ReferralStandingClient.BREAKER);
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(ReferralStandingClient.BREAKER));
        for (int i = 0; i < 10; i++) assertEquals(503, ask());
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(ReferralStandingClient.BREAKER));
        long started = System.nanoTime();
        assertEquals(503, ask()); // answered by the open circuit, no call made
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "an open circuit answers at once");
    }
}
