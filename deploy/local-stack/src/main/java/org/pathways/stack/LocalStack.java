package org.pathways.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Command line of the local stack. Used by the Maven build (run and test commands, through exec:java) and by
 * {@code deploy/stack} for status, stop and fault injection.
 *
 * <pre>
 *   run                      start everything with demo data, print URLs and logins, stop on Ctrl-C
 *   start [--with-services]  start the stack and return; it lives while the calling shell (or --owner-pid) lives
 *   stop                     stop every process of the profile (also orphans of a killed run)
 *   status                   one line per component
 *   stop-component NAME | start-component NAME | restart NAME    (kafka, postgres, keycloak, mail, directory, referral-2, ...)
 *   scale N                  run N instances of each service on the running stack (start the missing, stop the extra)
 *   build-hook [--with-services]   inside Maven: start the test stack once per build; stop it when Maven exits
 *   options: --profile demo|test  (run defaults to demo, everything else to test)
 *            --instances N    instances of each service (default 1, or PATHWAYS_DEMO_INSTANCES / PATHWAYS_TEST_INSTANCES)
 * </pre>
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        boolean insideMaven = System.getProperty("maven.home") != null;
        try {
            run(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (insideMaven) throw e;
            System.err.println("[local-stack] " + e.getMessage());
            System.exit(1);
        }
        if (!insideMaven) System.exit(0);
    }

    static void run(String[] argv) throws Exception {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.isEmpty() || args.contains("--help")) {
            System.out.println(usage());
            return;
        }
        String command = args.remove(0);
        String profile = option(args, "--profile", command.equals("run") ? "demo" : "test");
        boolean withServices = args.remove("--with-services");
        String instances = option(args, "--instances", null);
        if (instances != null) System.setProperty("pathways." + profile + ".instances", instances);
        StackManager stack = StackManager.forProfile(profile);
        switch (command) {
            case "run" -> runForeground(stack);
            case "start" -> {
                long owner = Long.parseLong(option(args, "--owner-pid",
                        String.valueOf(ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow())));
                stack.ensure(owner, withServices, true);
                System.out.println(stack.status());
            }
            case "build-hook" -> buildHook(stack, withServices);
            case "stop" -> {
                stack.stopAll();
                System.out.println(stack.status());
            }
            case "status" -> System.out.println(stack.status());
            case "stop-component" -> stack.stopComponent(required(args, "component name"));
            case "start-component" -> stack.startComponent(required(args, "component name"));
            case "restart" -> stack.restartComponent(required(args, "component name"));
            case "scale" -> {
                String n = required(args, "number of instances");
                try {
                    stack.scaleServices(Integer.parseInt(n));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("scale needs a number of instances, not '" + n + "'");
                }
                System.out.println(stack.status());
            }
            case "watchdog" -> stack.watch(Long.parseLong(option(args, "--watch-pid", "-1")));
            default -> throw new IllegalArgumentException("unknown command '" + command + "'\n" + usage());
        }
    }

    /** The run command: the stack belongs to this JVM; Ctrl-C (or SIGTERM) stops everything before the JVM exits. */
    private static void runForeground(StackManager stack) throws InterruptedException {
        long self = ProcessHandle.current().pid();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\n[local-stack] stopping everything...");
            stack.stopAll();
            System.out.println("[local-stack] stopped. Nothing is left running.");
        }, "pathways-stop"));
        stack.ensure(self, true, false);
        System.out.println(banner(stack.layout()));
        new CountDownLatch(1).await(); // until Ctrl-C
    }

    /**
     * Inside the Maven build (exec:java runs in Maven's own JVM): start the test stack if it is not up, owned by the
     * build, and stop it synchronously when the build's JVM exits, pass or fail.
     */
    private static void buildHook(StackManager stack, boolean withServices) {
        long self = ProcessHandle.current().pid();
        stack.ensure(self, withServices, true);
        if (System.getProperty("pathways.stack.hook." + stack.layout().profile()) == null) {
            System.setProperty("pathways.stack.hook." + stack.layout().profile(), "registered");
            // The hook runs a separate JVM: exec:java's class loader may be closed by the time Maven shuts down.
            List<String> stop = List.of(javaBinary(), "-Xmx64m", "-Dpathways.home=" + stack.layout().home(),
                    "-cp", launcherClasspath(stack.layout()), LocalStack.class.getName(), "stop", "--profile",
                    stack.layout().profile());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new ProcessBuilder(stop).inheritIO().start().waitFor();
                } catch (IOException | InterruptedException e) {
                    System.err.println("[local-stack] could not stop the test stack: " + e);
                }
            }, "pathways-test-stack-stop"));
        }
        System.out.println(stack.status());
    }

    static String banner(StackLayout l) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n================================================================================\n");
        sb.append(" Pathways is running (profile ").append(l.profile()).append("). Press Ctrl-C to stop everything.\n");
        sb.append("================================================================================\n\n");
        sb.append(" Services                 API                        Swagger UI / health / metrics\n");
        for (StackLayout.ServiceSpec s : StackLayout.SERVICES) {
            String url = l.serviceUrl(s);
            sb.append(String.format("  %-22s  %-26s %s/q/swagger-ui  /q/health  /q/metrics%n", s.module(), url, url));
            for (int k = 2; k <= l.instances(); k++) {
                sb.append(String.format("  %-22s  %-26s (instance %d: same database and consumer group)%n",
                        ServiceApp.name(s, k), l.serviceUrl(s, k), k));
            }
        }
        sb.append("\n Dashboard (open this)      ").append(l.dashboardUrl())
                .append("   sign in with a demo login below, e.g. kairos.caseworker1 or crasac.coordinator1\n");
        sb.append("\n Keycloak (realm pathways)  ").append(l.keycloakUrl()).append("/admin   admin console login: ")
                .append(KeycloakServer.ADMIN_USER).append(" / ").append(KeycloakServer.ADMIN_PASSWORD).append('\n');
        sb.append(" Kafka                      ").append(l.kafkaBootstrap()).append('\n');
        sb.append(" PostgreSQL                 127.0.0.1:").append(l.postgresPort())
                .append("  databases directory, consent, referral, notification (user = database, password = <database>-local)\n");
        sb.append(" Logs                       ").append(l.logs()).append('\n');
        sb.append(" E-mail (SMTP sink)         127.0.0.1:").append(l.mailPort()).append("  every message notification-service sends, as an .eml file in ")
                .append(l.mail()).append('\n');
        sb.append(" For scripts                ").append(l.stackProperties()).append("  and  ").append(l.stackEnv()).append("\n\n");
        sb.append(" Demo logins (password for every user: ").append(DemoLogins.PASSWORD).append(")\n");
        sb.append(DemoLogins.table(l.realmFile()));
        sb.append("\n Try it:\n");
        sb.append("  TOKEN=$(curl -s -d grant_type=password -d client_id=pathways-cli -d username=kairos.caseworker1 \\\n");
        sb.append("          -d password=").append(DemoLogins.PASSWORD).append(' ').append(l.realmUrl())
                .append("/protocol/openid-connect/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')\n");
        sb.append("  curl -H \"Authorization: Bearer $TOKEN\" ")
                .append(l.serviceUrl(StackLayout.SERVICES.get(0))).append("/api/me\n");
        sb.append("\n Status / stop from another terminal:  deploy/stack status demo   |   deploy/stack stop demo\n");
        return sb.toString();
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String javaHome() {
        return System.getProperty("java.home");
    }

    /** The launcher's own classpath, written by the build (dependency:build-classpath) next to its classes. */
    static String launcherClasspath(StackLayout layout) {
        Path module = layout.root().resolve("deploy/local-stack/target");
        Path file = module.resolve("launcher.classpath");
        try {
            return module.resolve("classes") + java.io.File.pathSeparator + Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalStateException("missing " + file + ": build the launcher first (./mvnw -pl deploy/local-stack -am package -DskipTests)");
        }
    }

    static String option(List<String> args, String name, String def) {
        int i = args.indexOf(name);
        if (i < 0) return def;
        if (i + 1 >= args.size()) throw new IllegalArgumentException(name + " needs a value");
        String v = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return v;
    }

    private static String required(List<String> args, String what) {
        if (args.isEmpty()) throw new IllegalArgumentException("missing " + what);
        return args.remove(0);
    }

    static String usage() {
        return """
                Usage: deploy/stack <command> [demo|test]
                  run                      start everything with demo data, print URLs and logins, stop on Ctrl-C
                  start [--with-services]  start the stack and return (it lives while the calling shell lives)
                  stop                     stop every process of the profile, including orphans of a killed run
                  status                   one line per component
                  stop-component NAME | start-component NAME | restart NAME
                                           NAME: postgres, kafka, keycloak, directory, consent, referral, notification, dashboard,
                                           or an instance of a service: referral-2, notification-3, ...
                  scale N                  run N instances of each service (1-9) on the running stack
                  options: --instances N   instances of each service for run and start (default 1;
                                           or PATHWAYS_DEMO_INSTANCES / PATHWAYS_TEST_INSTANCES)
                """;
    }
}
