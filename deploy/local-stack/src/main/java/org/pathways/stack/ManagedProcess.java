package org.pathways.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An operating-system process of the local stack, tracked by a pid file so that any JVM (the run command, a test, the
 * stop command, the watchdog) can find it, stop it, and recognise an orphan left by a killed earlier run.
 *
 * <p>The pid file holds the pid and the process start time: a recycled pid belonging to somebody else is never killed.
 */
public final class ManagedProcess {

    private final String name;
    private final Path pidFile;
    private final Path logFile;

    public ManagedProcess(String name, StackLayout layout) {
        this.name = name;
        this.pidFile = layout.pids().resolve(name + ".pid");
        this.logFile = layout.logs().resolve(name + ".log");
    }

    public String name() { return name; }
    public Path logFile() { return logFile; }

    /** Starts the command detached from our process group (so a Ctrl-C reaches only the owner, which stops things in order). */
    public ProcessHandle start(List<String> command, Path workDir, Map<String, String> env) throws IOException {
        Files.createDirectories(pidFile.getParent());
        Files.createDirectories(logFile.getParent());
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        ProcessHandle h = p.toHandle();
        Files.writeString(pidFile, ProcessIdentity.of(h) + "\n", StandardCharsets.UTF_8);
        return h;
    }

    /** The live process recorded in the pid file, if it is still the same process. */
    public Optional<ProcessHandle> running() {
        if (!Files.exists(pidFile)) return Optional.empty();
        try {
            return ProcessIdentity.live(Files.readString(pidFile, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public boolean isRunning() { return running().isPresent(); }

    /**
     * Stops the process and everything it started: a polite signal first (SIGTERM, or the given command), then
     * SIGKILL after the grace period. Returns true if something was running.
     */
    public boolean stop(Duration grace, List<String> politeStop) {
        Optional<ProcessHandle> h = running();
        if (h.isEmpty()) {
            deletePidFile();
            return false;
        }
        ProcessHandle root = h.get();
        List<ProcessHandle> tree = new ArrayList<>();
        root.descendants().forEach(tree::add);
        tree.add(root);
        if (politeStop != null) {
            try {
                new ProcessBuilder(politeStop).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                root.destroy();
            }
        } else {
            // Children first: a wrapper script (kc.sh) may not pass the signal on.
            for (ProcessHandle p : tree) p.destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && tree.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(100);
        }
        for (ProcessHandle p : tree) {
            if (p.isAlive()) p.destroyForcibly();
        }
        long hardDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < hardDeadline && tree.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(50);
        }
        deletePidFile();
        return true;
    }

    public long pid() {
        return running().map(ProcessHandle::pid).orElse(-1L);
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // nothing to do: a stale pid file is recognised as stale by its start time
        }
    }

    /** The last lines of the log, for a readable failure message. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log at " + logFile + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
