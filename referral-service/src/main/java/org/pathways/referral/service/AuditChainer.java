package org.pathways.referral.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathways.platform.background.BackgroundWorker;
import org.pathways.platform.metrics.DatabaseGauges;
import org.pathways.referral.domain.AuditRecord;
import org.pathways.referral.repository.AuditRepository;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Builds the audit hash chain after the fact (ADR 0038). Requests insert their audit rows unchained, so no audited
 * transaction waits for another one's commit; this single writer takes committed unchained rows in entry order, in
 * batches, gives them seq = head + 1.., computes prev_hash and hash exactly as ADR 0030 defines them, and writes the
 * rows and the head in one transaction.
 *
 * <ul>
 * <li>One chainer at a time per database (a PostgreSQL advisory lock), so several instances never fork the chain.</li>
 * <li>Woken after each commit that wrote an audit row; polls as a fallback (other instances' rows, restarts).</li>
 * <li>A failed batch rolls back whole and is retried with a back-off; rows stay unchained (never lost) meanwhile, and
 * verification and the {@code pathways_audit_unchained_*} gauges show the backlog.</li>
 * </ul>
 */
@ApplicationScoped
public class AuditChainer extends BackgroundWorker {

    @Inject
    AuditRepository repository;

    @Inject
    MeterRegistry metrics;

    @Inject
    DatabaseGauges gauges;

    @ConfigProperty(name = "pathways.audit.chainer.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "pathways.audit.chainer.poll-interval", defaultValue = "500ms")
    Duration pollInterval;

    @ConfigProperty(name = "pathways.audit.chainer.batch-size", defaultValue = "500")
    int batchSize;

    private Counter chained;
    private Counter failures;

    void start(@Observes StartupEvent ev) {
        chained = metrics.counter("pathways.audit.chained");
        failures = metrics.counter("pathways.audit.chain.failures");
        // Read at scrape time from the database, not from this thread's state, so a stuck or dead chainer shows.
        gauges.query("select count(*), coalesce(extract(epoch from now() - min(occurred_at)), 0) from access_audit"
                + " where seq is null", 2)
                .gauge("pathways.audit.unchained.rows", 0, "Audit rows committed but not yet in the hash chain")
                .seconds("pathways.audit.unchained.oldest.age", 1, "Age of the oldest audit row not yet in the hash chain (0 when none)");
        if (enabled) begin("audit-chainer");
    }

    void stop(@Observes ShutdownEvent ev) {
        end();
    }

    @Override
    protected Duration pollInterval() {
        return pollInterval;
    }

    @Override
    protected boolean runOnce() {
        return chainBatch() == batchSize;
    }

    @Override
    protected void failed(Exception e) {
        failures.increment();
    }

    /**
     * Chains up to one batch of committed rows in its own transaction; returns how many were chained (0 when there were
     * none, or when another instance's chainer holds the lock).
     */
    public int chainBatch() {
        int n = QuarkusTransaction.requiringNew().call(() -> {
            if (!repository.tryLockChain()) return 0;
            List<AuditRecord> rows = repository.unchained(batchSize);
            if (rows.isEmpty()) return 0;
            AuditRepository.Head head = repository.lockHead();
            List<AuditRecord> placed = new ArrayList<>(rows.size());
            long seq = head.lastSeq();
            String previous = head.lastHash();
            for (AuditRecord r : rows) {
                AuditRecord c = r.chained(++seq, previous);
                placed.add(c);
                previous = c.hash();
            }
            repository.chain(placed, head);
            return placed.size();
        });
        if (n > 0) chained.increment(n);
        return n;
    }
}
