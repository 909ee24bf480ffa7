package org.pathways.platform.background;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The loop on plain objects: at start, on wake, after a full batch at once, back-off after a failure, stops on end. */
class BackgroundWorkerTest {

    /** Counts its runs; the first {@code full} runs report a full batch, the next {@code failing} throw. */
    static final class Counting extends BackgroundWorker {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger caughtUp = new AtomicInteger();
        volatile int full;
        volatile int failing;

        @Override
        protected boolean runOnce() {
            runs.incrementAndGet();
            if (full > 0) {
                full--;
                return true;
            }
            if (failing > 0) {
                failing--;
                throw new IllegalStateException("down");
            }
            return false;
        }

        @Override
        protected Duration pollInterval() {
            return Duration.ofMinutes(10); // never in a test: only start, wake-ups and back-offs run it
        }

        @Override
        protected void failed(Exception e) {
            failures.incrementAndGet();
        }

        @Override
        protected void caughtUp() {
            caughtUp.incrementAndGet();
        }
    }

    @Test
    void runsAtStartAndOncePerWakeAndDrainsFullBatchesAtOnce() {
        Counting w = new Counting();
        w.full = 3;
        w.begin("test-worker");
        try {
            // Three full batches and the one that found less: four runs before the first wait.
            await().atMost(Duration.ofSeconds(5)).until(() -> w.caughtUp.get() == 1);
            assertEquals(4, w.runs.get());
            w.wake();
            await().atMost(Duration.ofSeconds(5)).until(() -> w.caughtUp.get() == 2);
            assertEquals(5, w.runs.get());
        } finally {
            w.end();
        }
    }

    @Test
    void aFailedBatchIsCountedAndTriedAgainAfterABackOffWithoutAWake() {
        Counting w = new Counting();
        w.failing = 2;
        w.begin("test-worker");
        try {
            // 250 ms then 500 ms of back-off, not the ten-minute poll interval.
            await().atMost(Duration.ofSeconds(5)).until(() -> w.caughtUp.get() == 1);
            assertEquals(2, w.failures.get());
            assertEquals(3, w.runs.get());
        } finally {
            w.end();
        }
    }

    @Test
    void endStopsTheLoop() {
        Counting w = new Counting();
        w.begin("test-worker");
        await().atMost(Duration.ofSeconds(5)).until(() -> w.caughtUp.get() == 1);
        w.end();
        int runs = w.runs.get();
        w.wake();
        // Nothing runs after end (checked over a short while: the loop thread has exited).
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> w.runs.get() == runs);
        assertTrue(runs >= 1);
    }
}
