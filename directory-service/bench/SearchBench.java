import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load generator for GET /api/search (JDK 17 single-file program: {@code java SearchBench.java ...}).
 * Arguments: base URL, bearer token, seconds, concurrency. Prints requests/s and latency percentiles; non-200s count as errors.
 */
public class SearchBench {

    static final String[] QUERIES = {
            "/api/search?need=legal-immigration&language=ur&nrpf=true&area=Coventry",
            "/api/search?need=domestic-abuse&area=Birmingham",
            "/api/search?need=counselling&age=25",
            "/api/search?need=refuge-safe-accommodation&capacity=hide&area=London",
            "/api/search?need=housing-homelessness&need=money-debt&match=all",
            "/api/search?need=english-language&language=pa&interpreter=true",
    };

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int seconds = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
        // Warm-up: JIT, connection pools, caches.
        run(client, base, token, 10, concurrency, null);
        List<long[]> perThread = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        run(client, base, token, seconds, concurrency, new Object[] {perThread, errors});
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
        System.out.printf("requests=%d errors=%d seconds=%.1f concurrency=%d%n", all.length, errors.get(), elapsed, concurrency);
        System.out.printf("throughput=%.0f req/s%n", all.length / elapsed);
        System.out.printf("latency_ms p50=%.2f p90=%.2f p99=%.2f max=%.2f%n", pct(all, 50), pct(all, 90), pct(all, 99),
                all[all.length - 1] / 1e6);
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    static void run(HttpClient client, String base, String token, int seconds, int concurrency, Object[] sink) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<java.util.concurrent.Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            final int offset = t;
            futures.add(pool.submit(() -> {
                long[] lat = new long[2_000_000];
                int n = 0;
                int i = offset;
                while (System.nanoTime() < end && n < lat.length) {
                    HttpRequest r = HttpRequest.newBuilder(URI.create(base + QUERIES[i++ % QUERIES.length]))
                            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
                    long s = System.nanoTime();
                    HttpResponse<byte[]> resp = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
                    long d = System.nanoTime() - s;
                    if (resp.statusCode() == 200) {
                        lat[n++] = d;
                    } else if (sink != null) {
                        ((AtomicLong) sink[1]).incrementAndGet();
                    }
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        for (var f : futures) {
            long[] l = f.get();
            if (sink != null) ((List<long[]>) sink[0]).add(l);
        }
        pool.shutdown();
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
