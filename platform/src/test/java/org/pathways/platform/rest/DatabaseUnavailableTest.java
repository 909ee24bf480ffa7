package org.pathways.platform.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Issue 20, fault 3: which failures mean "the database is unavailable" (503, retry) rather than a fault of ours (500). */
class DatabaseUnavailableTest {

    @Test
    void connectionFailuresShutdownsAndPoolTimeoutsAreUnavailabilityWhereverTheyAreInTheChain() {
        assertTrue(ProblemMappers.databaseUnavailable(new SQLException("Connection refused", "08001")));
        assertTrue(ProblemMappers.databaseUnavailable(new SQLException("An I/O error occurred", "08006")));
        assertTrue(ProblemMappers.databaseUnavailable(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(ProblemMappers.databaseUnavailable(new SQLException("the database system is starting up", "57P03")));
        assertTrue(ProblemMappers.databaseUnavailable(new SQLException("too many connections", "53300")));
        assertTrue(ProblemMappers.databaseUnavailable(new SQLException("Sorry, acquisition timeout!")));
        assertTrue(ProblemMappers.databaseUnavailable(new IllegalStateException("wrapped",
                new RuntimeException(new SQLException("x", "08003")))));
    }

    /** As Narayana reports a commit PostgreSQL broke off by shutting down: the XA failure only as a suppressed exception. */
    @Test
    void aCommitBrokenOffByTheDatabaseIsUnavailabilityThoughOnlySuppressed() {
        jakarta.transaction.RollbackException rollback = new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        javax.transaction.xa.XAException xa = new javax.transaction.xa.XAException(javax.transaction.xa.XAException.XAER_RMFAIL);
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        rollback.addSuppressed(xa);
        assertTrue(ProblemMappers.databaseUnavailable(new RuntimeException("transaction failed", rollback)));
        assertFalse(ProblemMappers.databaseUnavailable(new RuntimeException("transaction failed",
                new jakarta.transaction.RollbackException("marked rollback only"))));
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertFalse(ProblemMappers.databaseUnavailable(new SQLException("duplicate key", "23505")));
        assertFalse(ProblemMappers.databaseUnavailable(new SQLException("syntax error", "42601")));
        assertFalse(ProblemMappers.databaseUnavailable(new SQLException("no state")));
        assertFalse(ProblemMappers.databaseUnavailable(new IllegalStateException("not a database error")));
    }
}
