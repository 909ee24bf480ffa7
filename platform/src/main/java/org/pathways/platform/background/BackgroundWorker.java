package org.pathways.platform.background;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * The one background loop of the services (the outbox relay, the audit chainer, notification's webhook and e-mail
 * workers): a daemon thread that runs {@link #runOnce()} at start, when woken (after a commit that queued work, see
 * {@link AfterCommit}) and at least every {@link #pollInterval()} (work of another instance, retries that came due). The
 * work lives in the database, so a kill loses nothing: the next start finds the rows. A batch that throws is tried again
 * after a back-off (250 ms, doubling to 5 s), so a database or broker outage is not hammered.
 */
public abstract class BackgroundWorker {

    private static final long FIRST_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final Logger log = Logger.getLogger(getClass());
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private String name;

    /** Does one batch; returns true if there may be more to do right away. */
    protected abstract boolean runOnce() throws Exception;

    protected abstract Duration pollInterval();

    /** After a batch that threw (before the back-off): e.g. count it, mark a health check down. */
    protected void failed(Exception e) {
    }

    /** After the work available was done without a failure. */
    protected void caughtUp() {
    }

    protected void begin(String threadName) {
        name = threadName;
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the loop and waits (up to 10 s) for the batch in hand to finish. */
    protected void end() {
        running = false;
        signal.release();
        if (thread == null) return;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the loop soon (one wake-up however many callers). */
    public void wake() {
        signal.release();
    }

    private void loop() {
        long backoffMillis = 0;
        while (running) {
            try {
                while (running && runOnce()) {
                    // a full batch: there may be more right away
                }
                backoffMillis = 0;
                caughtUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                backoffMillis = Math.min(Math.max(backoffMillis * 2, FIRST_BACKOFF_MILLIS), MAX_BACKOFF_MILLIS);
                failed(e);
                log.warnf("%s: a batch failed (%s); retrying in %d ms", name, e.getClass().getSimpleName(), backoffMillis);
            }
            try {
                signal.tryAcquire(backoffMillis > 0 ? backoffMillis : pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
