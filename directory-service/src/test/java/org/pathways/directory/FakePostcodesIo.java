package org.pathways.directory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for postcodes.io, an external public API (not one of our services): {@code GET /postcodes/{postcode}}
 * answering in its documented format ({@code {"status":200,"result":{"postcode","latitude","longitude",
 * "admin_district",...}}}, {@code {"status":404,"error":"Invalid postcode"}}). Each postcode is scripted: located, a
 * 404, malformed JSON, or no answer at all (held until {@link #stop}). Every request is recorded.
 */
final class FakePostcodesIo {

    /** The port, chosen once per JVM and shared through a system property (the test profile and the test may be loaded by different class loaders). */
    private static final String PORT_PROPERTY = "pathways.test.fake-postcodes-io.port";

    record Located(double latitude, double longitude, String adminDistrict) {
    }

    /** What the fake received: method, raw path, raw query (null when none), body length. */
    record Request(String method, String rawPath, String rawQuery, long bodyBytes) {
    }

    private final Map<String, Object> script = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private HttpServer server;

    private static final Object NOT_FOUND = new Object();
    private static final Object MALFORMED = new Object();
    private static final Object SILENT = new Object();

    /** The base URL the test profile configures ({@code pathways.directory.geocoder.url}). */
    static synchronized String url() {
        if (System.getProperty(PORT_PROPERTY) == null) {
            try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
                System.setProperty(PORT_PROPERTY, Integer.toString(s.getLocalPort()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return "http://127.0.0.1:" + System.getProperty(PORT_PROPERTY);
    }

    FakePostcodesIo located(String postcode, double latitude, double longitude, String adminDistrict) {
        script.put(postcode, new Located(latitude, longitude, adminDistrict));
        return this;
    }

    FakePostcodesIo notFound(String postcode) {
        script.put(postcode, NOT_FOUND);
        return this;
    }

    FakePostcodesIo malformed(String postcode) {
        script.put(postcode, MALFORMED);
        return this;
    }

    /** Accepts the request and never answers (until stopped): the geocoder's timeout must end the wait. */
    FakePostcodesIo silent(String postcode) {
        script.put(postcode, SILENT);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Starts listening on the profile's port (again after {@link #down}). */
    synchronized FakePostcodesIo start() throws IOException {
        String base = url();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(base.substring(base.lastIndexOf(':') + 1))), 0);
        server.setExecutor(workers); // a silent answer must not hold up the others
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** Stops listening: the API is down (connections refused) until {@link #start} again. */
    synchronized void down() {
        server.stop(0);
    }

    synchronized void stop() {
        release.countDown();
        if (server != null) server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        long body = x.getRequestBody().readAllBytes().length;
        requests.add(new Request(x.getRequestMethod(), x.getRequestURI().getRawPath(), x.getRequestURI().getRawQuery(), body));
        String path = x.getRequestURI().getRawPath();
        String postcode = path.startsWith("/postcodes/")
                ? URLDecoder.decode(path.substring("/postcodes/".length()), StandardCharsets.UTF_8) : null;
        Object what = postcode == null ? NOT_FOUND : script.getOrDefault(postcode, NOT_FOUND);
        if (what == SILENT) {
            try {
                release.await(60, TimeUnit.SECONDS); // released when the test ends; the client has given up long before
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
            return;
        }
        if (what instanceof Located l) {
            respond(x, 200, String.format(java.util.Locale.ROOT, "{\"status\":200,\"result\":{\"postcode\":\"%s\",\"quality\":1,"
                    + "\"country\":\"England\",\"longitude\":%s,\"latitude\":%s,\"admin_district\":\"%s\","
                    + "\"codes\":{\"admin_district\":\"E08000026\"}}}", postcode, l.longitude(), l.latitude(), l.adminDistrict()));
        } else if (what == MALFORMED) {
            respond(x, 200, "{\"status\":200,\"result\":{\"postcode\":\"" + postcode + "\",\"latitude\":52.4");
        } else {
            respond(x, 404, "{\"status\":404,\"error\":\"Invalid postcode\"}");
        }
    }

    private static void respond(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
