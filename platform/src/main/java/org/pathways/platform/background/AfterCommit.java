package org.pathways.platform.background;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs something once the caller's transaction has committed (never if it rolls back): how a write wakes the worker
 * that will carry it on ({@link BackgroundWorker#wake()}) or counts a fact that only a commit makes true.
 */
@ApplicationScoped
public class AfterCommit {

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** After this transaction commits, {@code action} runs (once per call). */
    public void run(Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) action.run();
            }
        });
    }

    /** After this transaction commits, {@code worker} is woken once, however many writes in it asked. */
    public void wake(BackgroundWorker worker) {
        Object key = new WakeKey(worker);
        if (transactions.getResource(key) != null) return;
        transactions.putResource(key, Boolean.TRUE);
        run(worker::wake);
    }

    /** One key per worker instance (the registry's resources are keyed by equality). */
    private record WakeKey(BackgroundWorker worker) {
    }
}
