package org.pathways.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/** The SMTP sink as the launcher runs it: its own process, ready when it greets, every message an .eml file, stopped. */
class MailServerTest {

    @TempDir
    Path home;

    @Test
    void receivesOverSmtpWritesOneFilePerMessageAndStops() throws Exception {
        // The module's own launcher classpath (written by the build); a free port so parallel builds never collide.
        Path root = Path.of("").toAbsolutePath().getParent().getParent();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StackLayout layout = new StackLayout("test", root, home, port - 125);
        MailServer mail = new MailServer(layout);
        try {
            mail.start();
            assertTrue(mail.isRunning() && mail.isReady());
            assertEquals(port, layout.mailPort());
            ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            GreenMailUtil.sendTextEmail("a@demo.pathways.invalid", "no-reply@pathways.invalid", "first", "body one", smtp);
            GreenMailUtil.sendTextEmail("b@demo.pathways.invalid", "no-reply@pathways.invalid", "second", "body two", smtp);
            List<Path> files = awaitFiles(layout.mail(), 2);
            String all = Files.readString(files.get(0)) + Files.readString(files.get(1));
            assertTrue(all.contains("body one") && all.contains("body two"), all);
            assertTrue(files.stream().allMatch(f -> f.getFileName().toString().matches("\\d{8}T\\d{6}\\.\\d{3}Z-\\d{5}\\.eml")),
                    "file names carry time and a counter only: " + files);
        } finally {
            mail.stop();
        }
        assertFalse(mail.isRunning());
        assertFalse(mail.isReady());
    }

    private static List<Path> awaitFiles(Path dir, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    List<Path> files = s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
                    if (files.size() >= n) return files;
                }
            }
            if (System.nanoTime() > deadline) throw new AssertionError("expected " + n + " .eml files in " + dir);
            Thread.sleep(100); // polling a folder; no Awaitility in this module
        }
    }
}
