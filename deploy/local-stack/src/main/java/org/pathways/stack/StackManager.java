package org.pathways.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Starts, watches and stops one profile of the local stack. Everything it knows is on disk (pid files, the owner
 * file), so the run command, a test JVM, the stop command and the watchdog all see the same stack.
 *
 * <p>Ownership: the stack belongs to one live process (the Maven build, or the run command). A watchdog process stops
 * the stack when its owner dies, whatever the cause (failed build, Ctrl-C, SIGKILL). A later start by another owner
 * finds no live owner, stops whatever is left (orphans), and starts afresh.
 */
public final class StackManager {

    private static final Object JVM_LOCK = new Object();

    private volatile StackLayout layout;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final KeycloakServer keycloak;
    private final MailServer mail;
    /** Every instance the launcher may run: 1..MAX_INSTANCES of each service, instance 1 of all four first. */
    private final List<ServiceApp> services = new ArrayList<>();
    private final DashboardApp dashboard;
    private Consumer<String> log = s -> System.out.println("[local-stack] " + s);

    public StackManager(StackLayout layout) {
        this.layout = layout;
        this.postgres = new PostgresServer(layout);
        this.kafka = new KafkaBroker(layout);
        this.keycloak = new KeycloakServer(layout);
        this.mail = new MailServer(layout);
        for (int k = 1; k <= StackLayout.MAX_INSTANCES; k++) {
            for (StackLayout.ServiceSpec s : StackLayout.SERVICES) services.add(new ServiceApp(layout, s, k));
        }
        this.dashboard = new DashboardApp(layout);
    }

    public static StackManager forProfile(String profile) {
        return new StackManager(StackLayout.resolve(profile));
    }

    public StackLayout layout() { return layout; }

    public StackManager logTo(Consumer<String> log) {
        this.log = log;
        return this;
    }

    List<Component> infrastructure() { return List.of(postgres, kafka, keycloak, mail); }

    /** The service instances this stack is configured to run (instances 1..n of each). */
    List<ServiceApp> configuredServices() {
        return services.stream().filter(s -> s.instance() <= layout.instances()).toList();
    }

    /** What status shows and start waits for: the configured instances, plus any other instance still running. */
    List<Component> all() {
        List<Component> all = new ArrayList<>(infrastructure());
        services.stream().filter(s -> s.instance() <= layout.instances() || s.isRunning()).forEach(all::add);
        all.add(dashboard);
        return all;
    }

    /** Everything the launcher may have started, whatever the configured count: what a stop stops. */
    List<Component> everything() {
        List<Component> all = new ArrayList<>(infrastructure());
        all.addAll(services);
        all.add(dashboard);
        return all;
    }

    /**
     * A component by name: "kafka", "referral" or "referral-service" (instance 1), "referral-2" or "referral-service-2"
     * (instance 2), ...
     */
    public Component component(String name) {
        String alias = name.matches("[a-z]+-\\d+") ? name.replaceFirst("-(\\d+)$", "-service-$1") : name;
        return everything().stream().filter(c -> c.name().equals(name) || c.name().equals(name + "-service") || c.name().equals(alias))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown component '" + name + "'; known: "
                        + all().stream().map(Component::name).toList() + " (and instances up to -" + StackLayout.MAX_INSTANCES + ")"));
    }

    /** Instance k (1-based) of a service, by short name ("referral"). */
    public Component instance(String service, int k) {
        return component(ServiceApp.name(StackLayout.service(service), k));
    }

    /**
     * Runs {@code n} instances of each service on the running stack (issue 19): starts the missing ones (in parallel,
     * returning once they are ready) and stops those above n. The stack's files for scripts list every instance.
     */
    public void scaleServices(int n) {
        StackLayout scaled = layout.withInstances(n);
        synchronized (JVM_LOCK) {
            try (FileLock ignored = lockState()) {
                layout = scaled;
                log.accept("running " + n + " instance(s) of each service");
                stopInParallel(services.stream().filter(s -> s.instance() > n && s.isRunning()).map(s -> (Component) s).toList());
                runInParallel(configuredServices().stream().filter(c -> !c.isReady()).map(c -> (Component) c).toList());
                StackConfig.writeStackInfo(layout);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Quarkus configuration for one service (by short name, e.g. "directory") against this stack. */
    public Map<String, String> serviceConfig(String service) {
        return StackConfig.serviceConfig(layout, StackLayout.service(service));
    }

    /**
     * Makes sure the stack is up for {@code ownerPid}: reuses it if that owner (or another live owner, when
     * {@code shareWithLiveOwner}) already runs it, otherwise cleans up orphans and starts it from scratch.
     */
    public void ensure(long ownerPid, boolean withServices, boolean shareWithLiveOwner) {
        synchronized (JVM_LOCK) {
            try (FileLock ignored = lockState()) {
                Optional<Long> owner = liveOwner();
                if (owner.isPresent() && (owner.get() == ownerPid || shareWithLiveOwner)) {
                    startMissing(withServices);
                    return;
                }
                if (owner.isPresent()) {
                    throw new IllegalStateException("The " + layout.profile() + " stack is already running, owned by process "
                            + owner.get() + ". Stop it first (Ctrl-C in its terminal, or deploy/stack stop "
                            + layout.profile() + ").");
                }
                stopEverything("orphan from an earlier run");
                freshState();
                long t0 = System.nanoTime();
                // Owner and watchdog first: if the start fails half-way, or the owner dies during it, nothing stays behind.
                writeOwner(ownerPid);
                spawnWatchdog(ownerPid);
                try {
                    startMissing(withServices);
                } catch (RuntimeException e) {
                    stopEverything("start failed");
                    Files.deleteIfExists(ownerFile());
                    throw e;
                }
                StackConfig.writeStackInfo(layout);
                log.accept(String.format("%s stack ready in %.1f s", layout.profile(), (System.nanoTime() - t0) / 1e9));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Stops every component of the profile, services first, and forgets the owner. Safe to call at any time. */
    public void stopAll() {
        synchronized (JVM_LOCK) {
            try (FileLock ignored = lockState()) {
                stopEverything("stop requested");
                Files.deleteIfExists(ownerFile());
                new ManagedProcess("watchdog", layout).stop(java.time.Duration.ofSeconds(5), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** For fault tests: stop one component (e.g. "kafka" or "notification") and leave the rest running. */
    public void stopComponent(String name) {
        Component c = component(name);
        log.accept("stopping " + c.name());
        c.stop();
    }

    /** For fault tests: start one stopped component again and wait until it is ready. */
    public void startComponent(String name) {
        Component c = component(name);
        log.accept("starting " + c.name());
        try {
            c.start();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not start " + c.name() + ": " + e.getMessage(), e);
        }
    }

    public void restartComponent(String name) {
        stopComponent(name);
        startComponent(name);
    }

    public boolean isUp(boolean withServices) {
        List<Component> required = new ArrayList<>(infrastructure());
        if (withServices) {
            required.addAll(configuredServices());
            required.add(dashboard);
        }
        return liveOwner().isPresent() && required.stream().allMatch(Component::isReady);
    }

    public String status() {
        StringBuilder sb = new StringBuilder();
        sb.append("Pathways local stack, profile ").append(layout.profile()).append(" (state in ").append(layout.state()).append(")\n");
        sb.append("  owner: ").append(liveOwner().map(p -> "process " + p).orElse("none")).append('\n');
        for (Component c : all()) {
            boolean running = c.isRunning();
            String state = running ? (c.isReady() ? "READY" : "STARTING") : "stopped";
            sb.append(String.format("  %-22s %-9s pid %-8s %s%n", c.name(), state,
                    running ? String.valueOf(c.process().pid()) : "-", c.endpoint()));
        }
        return sb.toString();
    }

    private void startMissing(boolean withServices) {
        runInParallel(infrastructure().stream().filter(c -> !c.isReady()).toList());
        if (withServices) {
            runInParallel(configuredServices().stream().filter(c -> !c.isReady()).map(c -> (Component) c).toList());
            // The dashboard after the services: it is what people open, and it calls them.
            runInParallel(dashboard.isReady() ? List.of() : List.of(dashboard));
        }
    }

    private void runInParallel(List<Component> components) {
        if (components.isEmpty()) return;
        ExecutorService pool = Executors.newFixedThreadPool(components.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Component c : components) {
                futures.add(pool.submit((Callable<Void>) () -> {
                    long t0 = System.nanoTime();
                    log.accept("starting " + c.name());
                    c.start();
                    log.accept(String.format("%s ready in %.1f s (%s)", c.name(), (System.nanoTime() - t0) / 1e9, c.endpoint()));
                    return null;
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(e.getCause().getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add("interrupted");
                }
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("local stack did not start:\n" + String.join("\n\n", failures));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void stopEverything(String why) {
        List<Component> reversed = new ArrayList<>(everything());
        java.util.Collections.reverse(reversed);
        // Services first (they hold connections), then the infrastructure, each part in parallel.
        List<Component> running = reversed.stream().filter(Component::isRunning).toList();
        if (running.isEmpty()) return;
        log.accept("stopping " + running.stream().map(Component::name).toList() + " (" + why + ")");
        stopInParallel(running.stream().filter(c -> c instanceof ServiceApp || c instanceof DashboardApp).toList());
        stopInParallel(running.stream().filter(c -> !(c instanceof ServiceApp || c instanceof DashboardApp)).toList());
    }

    private void stopInParallel(List<Component> components) {
        List<Thread> threads = new ArrayList<>();
        for (Component c : components) {
            Thread t = new Thread(c::stop, "stop-" + c.name());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Test state starts empty on every fresh start; demo state is kept between runs. */
    private void freshState() throws IOException {
        Files.createDirectories(layout.logs());
        if (layout.profile().equals("test")) {
            postgres.wipeData();
            kafka.wipeData();
            keycloak.wipeData();
            mail.wipeData();
            Path previous = layout.state().resolve("logs.previous");
            Files2.deleteRecursively(previous);
            Files.move(layout.logs(), previous);
            Files.createDirectories(layout.logs());
        }
    }

    private Path ownerFile() { return layout.state().resolve("owner"); }

    private void writeOwner(long pid) throws IOException {
        Files.writeString(ownerFile(), ProcessHandle.of(pid).map(ProcessIdentity::of).orElse(pid + " 0") + "\n");
    }

    private Optional<Long> recordedOwner() {
        try {
            if (!Files.exists(ownerFile())) return Optional.empty();
            return Optional.of(Long.parseLong(Files.readString(ownerFile()).trim().split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The owner's pid, if the owner file names a process that is still alive. */
    Optional<Long> liveOwner() {
        try {
            if (!Files.exists(ownerFile())) return Optional.empty();
            return ProcessIdentity.live(Files.readString(ownerFile())).map(ProcessHandle::pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void spawnWatchdog(long ownerPid) throws IOException {
        ManagedProcess watchdog = new ManagedProcess("watchdog", layout);
        watchdog.stop(java.time.Duration.ofSeconds(5), null);
        List<String> cmd = new ArrayList<>(List.of(LocalStack.javaBinary(), "-Xms8m", "-Xmx48m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dpathways.home=" + layout.home(),
                "-cp", LocalStack.launcherClasspath(layout), LocalStack.class.getName(),
                "watchdog", "--profile", layout.profile(), "--watch-pid", String.valueOf(ownerPid)));
        watchdog.start(cmd, layout.state(), Map.of());
    }

    /** Runs in the watchdog process: waits for the owner to die, then stops the stack. */
    void watch(long ownerPid) {
        while (true) {
            Optional<Long> recorded = recordedOwner();
            if (recorded.isEmpty() || recorded.get() != ownerPid) {
                return; // stopped on purpose, or taken over by a new owner: nothing for us to do
            }
            if (!ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false)) {
                log.accept("owner " + ownerPid + " is gone; stopping the " + layout.profile() + " stack");
                stopAllFromWatchdog(ownerPid);
                return;
            }
            ManagedProcess.sleep(500);
        }
    }

    private void stopAllFromWatchdog(long ownerPid) {
        synchronized (JVM_LOCK) {
            try (FileLock ignored = lockState()) {
                if (!recordedOwner().equals(Optional.of(ownerPid))) return;
                stopEverything("owner died");
                Files.deleteIfExists(ownerFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private FileLock lockState() throws IOException {
        Files.createDirectories(layout.state());
        @SuppressWarnings("resource") // closed with the lock's channel
        FileChannel ch = new RandomAccessFile(layout.state().resolve(".lock").toFile(), "rw").getChannel();
        FileLock lock = ch.lock();
        return new FileLock(ch, 0, Long.MAX_VALUE, false) {
            @Override public boolean isValid() { return lock.isValid(); }
            @Override public void release() throws IOException {
                lock.release();
                ch.close();
            }
        };
    }

    // Exposed for tests of the launcher itself.
    PostgresServer postgres() { return postgres; }
    KafkaBroker kafka() { return kafka; }
    KeycloakServer keycloak() { return keycloak; }
    MailServer mail() { return mail; }
}
