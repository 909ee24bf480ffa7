package org.pathways.notification.service;

import java.time.Duration;

import org.jboss.logging.Logger;

/**
 * One daemon thread that runs {@link #runOnce()} when woken (after a commit that queued work) and at least every
 * poll interval (work queued by another instance, retries that came due). The queue lives in the database, so a
 * kill loses nothing: the next start finds the rows.
 */
abstract class BackgroundWorker {

    private final Logger log = Logger.getLogger(getClass());
    private final Object signal = new Object();
    private volatile boolean woken;
    private volatile boolean running;
    private Thread thread;

    /** Does one batch; returns true if there may be more to do right away. */
    protected abstract boolean runOnce();

    protected abstract Duration pollInterval();

    protected void begin(String name) {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    protected void end() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            boolean more = false;
            try {
                more = runOnce();
            } catch (RuntimeException e) {
                log.warnf("%s failed a batch (%s); will retry", getClass().getSimpleName(), e.getClass().getSimpleName());
            }
            if (more) continue;
            synchronized (signal) {
                if (!woken && running) {
                    try {
                        signal.wait(pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                woken = false;
            }
        }
    }
}
