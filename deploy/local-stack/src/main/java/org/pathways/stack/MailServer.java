package org.pathways.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local SMTP sink ({@link MailSink}) as a stack component: notification-service's mailer points at it, and every
 * e-mail ends up as an {@code .eml} file in {@code .pathways/<profile>/mail/}.
 */
final class MailServer implements Component {

    private final StackLayout layout;
    private final ManagedProcess process;

    MailServer(StackLayout layout) {
        this.layout = layout;
        this.process = new ManagedProcess("mail", layout);
    }

    @Override public String name() { return "mail"; }
    @Override public ManagedProcess process() { return process; }
    @Override public boolean isRunning() { return process.isRunning(); }
    @Override public String endpoint() { return "smtp://127.0.0.1:" + layout.mailPort() + " -> " + layout.mail(); }

    /** Ready when it greets like an SMTP server ("220 ..."), not merely when the port is open. */
    @Override
    public boolean isReady() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", layout.mailPort()), 300);
            s.setSoTimeout(2000);
            String greeting = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            return greeting != null && greeting.startsWith("220");
        } catch (IOException e) {
            return false;
        }
    }

    /** The test profile starts with an empty mail folder; the demo keeps its mail between runs. */
    void wipeData() {
        Files2.deleteRecursively(layout.mail());
    }

    @Override
    public void start() throws Exception {
        if (!isRunning()) {
            Readiness.requirePortFree(this, layout.mailPort());
            List<String> cmd = List.of(LocalStack.javaBinary(), "-Xms8m", "-Xmx64m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", LocalStack.launcherClasspath(layout), MailSink.class.getName(),
                    "--port", String.valueOf(layout.mailPort()), "--dir", layout.mail().toString());
            process.start(cmd, layout.state(), Map.of());
        }
        Readiness.await(this, Duration.ofSeconds(60), this::isReady);
    }

    @Override
    public void stop() {
        process.stop(Duration.ofSeconds(5), null);
    }
}
