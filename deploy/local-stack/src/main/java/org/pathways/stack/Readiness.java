package org.pathways.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Small polling helpers: wait for a condition with a deadline, fail with the component's log tail. */
final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {
    }

    static void await(Component c, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.getAsBoolean()) return;
            if (!c.isRunning()) {
                throw new IllegalStateException(c.name() + " exited during start-up. Last lines of "
                        + c.process().logFile() + ":\n" + c.process().logTail(40));
            }
            ManagedProcess.sleep(250);
        }
        throw new IllegalStateException(c.name() + " was not ready within " + timeout.toSeconds() + " s. Last lines of "
                + c.process().logFile() + ":\n" + c.process().logTail(40));
    }

    static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int httpStatus(String url) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
            return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void requirePortFree(Component c, int port) {
        // A stack that is still shutting down (a previous build's watchdog) frees its ports within seconds.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (portOpen(port) && System.nanoTime() < deadline) {
            ManagedProcess.sleep(500);
        }
        if (portOpen(port)) {
            throw new IllegalStateException("Port " + port + " needed by " + c.name()
                    + " is already in use by another program. Stop it, or move this profile's ports with"
                    + " PATHWAYS_DEMO_PORT_BASE / PATHWAYS_TEST_PORT_BASE.");
        }
    }
}
