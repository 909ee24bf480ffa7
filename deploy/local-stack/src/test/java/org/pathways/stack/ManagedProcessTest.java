package org.pathways.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pid-file tracking: how the launcher finds its processes again, and never kills somebody else's. */
class ManagedProcessTest {

    @TempDir
    Path home;

    private StackLayout layout() {
        return new StackLayout("test", home.getParent(), home, 45000);
    }

    @Test
    void startedProcessIsFoundAgainByAnotherInstanceAndStopped() throws Exception {
        ManagedProcess p = new ManagedProcess("sleeper", layout());
        ProcessHandle h = p.start(List.of("sleep", "60"), home, Map.of());
        // A second instance (another JVM would do the same) reads the pid file.
        ManagedProcess again = new ManagedProcess("sleeper", layout());
        assertTrue(again.isRunning());
        assertEquals(h.pid(), again.pid());
        assertTrue(again.stop(Duration.ofSeconds(5), null));
        assertFalse(h.isAlive());
        assertFalse(Files.exists(layout().pids().resolve("sleeper.pid")), "pid file removed");
        assertFalse(again.stop(Duration.ofSeconds(1), null), "stopping twice is harmless");
    }

    @Test
    void stopKillsTheWholeTreeEvenIfTheParentIgnoresTheSignal() throws Exception {
        ManagedProcess p = new ManagedProcess("tree", layout());
        ProcessHandle h = p.start(List.of("sh", "-c", "trap '' TERM; sleep 60 & sleep 60 & wait"), home, Map.of());
        await(() -> h.descendants().count() >= 2);
        List<ProcessHandle> children = h.descendants().toList();
        p.stop(Duration.ofMillis(500), null);
        assertFalse(h.isAlive());
        children.forEach(c -> assertFalse(c.isAlive(), "child " + c.pid() + " survived"));
    }

    @Test
    void aPidFileNamesItsProcessByItsStartInClockTicksWhichAWallClockStepDoesNotMove() throws Exception {
        long self = ProcessHandle.current().pid();
        long ticks = ProcessIdentity.ticks(self);
        assertTrue(ticks > 0, "Linux /proc gives the start in clock ticks");
        Files.createDirectories(layout().pids());
        // A start instant far off (as after the wall clock was stepped: a resumed VM) but the right ticks: still ours.
        Files.writeString(layout().pids().resolve("stepped.pid"), self + " 1000 " + ticks + "\n");
        assertTrue(new ManagedProcess("stepped", layout()).isRunning());
        // The right instant but other ticks: a recycled pid, never ours.
        String instant = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli() + "";
        Files.writeString(layout().pids().resolve("recycled.pid"), self + " " + instant + " " + (ticks + 1) + "\n");
        assertFalse(new ManagedProcess("recycled", layout()).isRunning());
        assertEquals(self + " " + instant + " " + ticks, ProcessIdentity.of(ProcessHandle.current()));
    }

    @Test
    void aStalePidFileNamingSomeoneElsesProcessIsIgnored() throws Exception {
        Files.createDirectories(layout().pids());
        // Our own JVM's pid with a wrong start time: a recycled pid must never be taken for ours (or killed).
        long self = ProcessHandle.current().pid();
        Files.writeString(layout().pids().resolve("ghost.pid"), self + " 1000\n");
        ManagedProcess ghost = new ManagedProcess("ghost", layout());
        assertFalse(ghost.isRunning());
        assertFalse(ghost.stop(Duration.ofSeconds(1), null));
        assertTrue(ProcessHandle.current().isAlive());
    }

    @Test
    void logTailShowsTheLastLines() throws Exception {
        ManagedProcess p = new ManagedProcess("talker", layout());
        ProcessHandle h = p.start(List.of("sh", "-c", "for i in 1 2 3 4 5; do echo line$i; done"), home, Map.of());
        h.onExit().get();
        assertEquals("line4\nline5", p.logTail(2));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met in 5 s");
            Thread.sleep(20);
        }
    }
}
