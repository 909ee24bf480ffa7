package org.pathways.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Which process a pid file or owner file means: its pid, its start instant (millis) and, on Linux, its start time in
 * clock ticks since boot ({@code /proc/<pid>/stat} field 22). The ticks decide where both sides have them: a start
 * instant is computed from the boot time, which moves when the wall clock is stepped (a virtual machine resumed after a
 * pause, NTP), so after a step a live component looked "stopped" and {@code deploy/stack stop} left it running. The
 * instant, with a second of slack, is the fallback elsewhere and for files written before.
 */
final class ProcessIdentity {

    private ProcessIdentity() {
    }

    /** {@code "<pid> <start millis> <start ticks>"} (ticks -1 where /proc does not say). */
    static String of(ProcessHandle h) {
        long millis = h.info().startInstant().orElse(Instant.EPOCH).toEpochMilli();
        return h.pid() + " " + millis + " " + ticks(h.pid());
    }

    /** The live process the recorded identity names, if it is still that process (never a recycled pid). */
    static Optional<ProcessHandle> live(String recorded) {
        String[] parts = recorded.trim().split("\\s+");
        long pid = Long.parseLong(parts[0]);
        long millis = parts.length > 1 ? Long.parseLong(parts[1]) : 0L;
        long ticks = parts.length > 2 ? Long.parseLong(parts[2]) : -1L;
        Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (h.isEmpty()) return Optional.empty();
        long now = ticks(pid);
        if (ticks >= 0 && now >= 0) return ticks == now ? h : Optional.empty();
        Optional<Instant> actual = h.get().info().startInstant();
        // Start instants are rounded differently by different readers; a second of slack is plenty for pid reuse.
        if (millis != 0 && actual.isPresent() && Math.abs(actual.get().toEpochMilli() - millis) > 1500) return Optional.empty();
        return h;
    }

    /** Field 22 of /proc/&lt;pid&gt;/stat (after the command name, which may hold spaces and parentheses), or -1. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[19]); // fields from 3 (state) on: starttime is field 22
        } catch (IOException | RuntimeException e) {
            return -1L;
        }
    }
}
