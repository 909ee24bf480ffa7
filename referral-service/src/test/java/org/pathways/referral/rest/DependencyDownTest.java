package org.pathways.referral.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.Test;
import org.pathways.platform.client.Dependency;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.StackManager;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * consent-service really stopped: a send and a read through a referral answer 503 problems and store nothing. And the
 * guard every call to a dependency goes through (platform {@link Dependency}, ADR 0084): a 404 is the caller's answer,
 * any other failure one 503, a read retried once, a dependency known to be down answered by the open circuit at once.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class DependencyDownTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aDownConsentServiceIsA503AndNothingIsStored() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        String id = send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        move("crasac.coordinator1", id, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        long auditBefore = count(db, "select count(*) from access_audit where subject_id = ?", uuid(subject));

        StackManager stack = StackManager.forProfile("test");
        stack.stopComponent("consent");
        try {
            send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                    .statusCode(503).contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("https://pathways.example/problems/dependency-unavailable"));
            as("crasac.caseworker1").get("/api/referrals/" + id + "/summary").then().statusCode(503)
                    .contentType(startsWith("application/problem+json"));
        } finally {
            stack.startComponent("consent");
        }
        assertEquals(1, count(db, "select count(*) from referral where subject_id = ?", uuid(subject)));
        assertEquals(auditBefore, count(db, "select count(*) from access_audit where subject_id = ?", uuid(subject)));
        as("crasac.caseworker1").get("/api/referrals/" + id + "/summary").then().statusCode(200);
    }

    // ---- platform Dependency as referral-service runs it (ADR 0084) ----

    @Test
    void aNotFoundIsTheCallersAnswerAndOtherFailuresAre503() {
        Dependency d = new Dependency("test-404", true);
        assertEquals("none", d.call(() -> {
            throw new WebApplicationException(404);
        }, () -> "none"));
        ProblemException e = assertThrows(ProblemException.class, () -> d.call(() -> {
            throw new WebApplicationException(500);
        }, () -> "none"));
        assertEquals(503, e.problem().status());
        assertEquals("answer", d.call(() -> "answer", null));
    }

    @Test
    void aReadIsTriedTwiceAWriteOnce() {
        AtomicInteger reads = new AtomicInteger();
        assertThrows(ProblemException.class, () -> new Dependency("test-read", true).call(() -> {
            reads.incrementAndGet();
            throw new ProcessingException("connection refused");
        }, null));
        assertEquals(2, reads.get());

        AtomicInteger writes = new AtomicInteger();
        assertThrows(ProblemException.class, () -> new Dependency("test-write", false).call(() -> {
            writes.incrementAndGet();
            throw new ProcessingException("connection refused");
        }, null));
        assertEquals(1, writes.get());

        AtomicInteger flaky = new AtomicInteger();
        assertEquals("second time", new Dependency("test-flaky", true).call(() -> {
            if (flaky.incrementAndGet() == 1) throw new ProcessingException("reset");
            return "second time";
        }, null));
    }

    @Test
    void aDependencyKnownToBeDownIsNotCalledUntilTheCircuitHalfOpens() {
        Dependency d = new Dependency("test-down", false);
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            assertThrows(ProblemException.class, () -> d.call(() -> {
                calls.incrementAndGet();
                throw new ProcessingException("connection refused");
            }, null));
        }
        assertEquals(10, calls.get());
        ProblemException open = assertThrows(ProblemException.class, () -> d.call(() -> {
            calls.incrementAndGet();
            return "up again";
        }, null));
        assertEquals(503, open.problem().status());
        assertEquals(10, calls.get(), "the open circuit answered without calling");
    }
}
