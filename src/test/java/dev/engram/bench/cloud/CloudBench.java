package dev.engram.bench.cloud;

import dev.engram.cloud.CloudDatabaseUrl;
import dev.engram.cloud.CloudServer;
import dev.engram.cloud.CloudServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloud server throughput and latency on loopback, real server, real stores:
 * push (batches of 100, ~300-byte payloads, 4 concurrent clients), pull (pages of 1000) and
 * long-poll wake-up, on SQLite and (when {@code ENGRAM_TEST_POSTGRES_URL} is set) PostgreSQL;
 * then, when {@code ENGRAM_BENCH_POUCHDB_MODULES} names a node_modules folder holding
 * pouchdb-server 4.2.0 and pouchdb 9.0.0, the same document count and size through PouchDB
 * replication ({@code bench/pouchdb/bench.js}) and the ratios.
 *
 * <pre>mvn -B -ntp test-compile exec:java -Dexec.mainClass=dev.engram.bench.cloud.CloudBench</pre>
 */
public final class CloudBench {
    static final int BATCH = 100;
    static final int PUSHERS = 4;
    static final int MUTATIONS = Integer.getInteger("bench.mutations", 50_000);
    static final int WARMUP = Integer.getInteger("bench.warmup", 30_000);
    static final int WAKEUPS = 200;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        new CloudBench().run();
        System.exit(0);
    }

    void run() throws Exception {
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("engram-cloud-bench");
        results.put("sqlite", measure(CloudDatabaseUrl.parse("--db", dir.resolve("warm.db").toString()),
                CloudDatabaseUrl.parse("--db", dir.resolve("bench.db").toString()), false));
        String pg = System.getenv("ENGRAM_TEST_POSTGRES_URL");
        if (pg != null && !pg.isBlank()) {
            results.put("postgresql", measure(freshPostgres(pg), freshPostgres(pg), true));
        } else {
            System.out.println("postgresql: skipped (set ENGRAM_TEST_POSTGRES_URL, e.g. eval \"$(.ci/postgres.sh start)\")");
        }
        String modules = System.getenv("ENGRAM_BENCH_POUCHDB_MODULES");
        if (modules != null && !modules.isBlank()) {
            Map<String, Double> pouch = pouchdb(modules);
            results.put("pouchdb", pouch);
        } else {
            System.out.println("pouchdb: skipped (set ENGRAM_BENCH_POUCHDB_MODULES to a node_modules with pouchdb-server@4.2.0 and pouchdb@9.0.0)");
        }
        report(results);
    }

    private Map<String, Double> measure(CloudDatabaseUrl warmDb, CloudDatabaseUrl db, boolean twoInstances) throws Exception {
        try (CloudServer warm = CloudServer.start(CloudServerConfig.defaults().withPort(0).withDatabase(warmDb))) {
            String token = warm.tokens().create("bench", List.of("bench")).token();
            push(warm.baseUri(), token, WARMUP, "w");
            pull(warm.baseUri(), token, WARMUP);
            wakeups(warm.baseUri(), warm.baseUri(), token, 30);
        }
        Map<String, Double> r = new LinkedHashMap<>();
        try (CloudServer server = CloudServer.start(CloudServerConfig.defaults().withPort(0).withDatabase(db))) {
            String token = server.tokens().create("bench", List.of("bench")).token();
            r.put("push_per_s", push(server.baseUri(), token, MUTATIONS, "m"));
            r.put("pull_per_s", pull(server.baseUri(), token, MUTATIONS));
            double[] wake = wakeups(server.baseUri(), server.baseUri(), token, WAKEUPS);
            r.put("wakeup_p50_ms", wake[0]);
            r.put("wakeup_p99_ms", wake[1]);
            if (twoInstances) {
                try (CloudServer other = CloudServer.start(CloudServerConfig.defaults().withPort(0).withDatabase(db))) {
                    double[] cross = wakeups(server.baseUri(), other.baseUri(), token, WAKEUPS);
                    r.put("wakeup_other_instance_p50_ms", cross[0]);
                    r.put("wakeup_other_instance_p99_ms", cross[1]);
                }
            }
        }
        return r;
    }

    /** Pushes {@code total} mutations in batches of 100 from 4 concurrent clients; mutations per second. */
    private double push(URI base, String token, int total, String prefix) throws Exception {
        int batches = total / BATCH;
        List<String> bodies = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            StringBuilder sb = new StringBuilder(BATCH * 500).append("{\"entries\":[");
            for (int i = 0; i < BATCH; i++) {
                int n = b * BATCH + i;
                if (i > 0) {
                    sb.append(',');
                }
                String key = String.format("obs-%016x", (long) n);
                sb.append("{\"mutation_id\":\"").append(prefix).append("-replica:").append(n)
                        .append("\",\"project\":\"bench\",\"entity\":\"observation\",\"entity_key\":\"").append(key)
                        .append("\",\"op\":\"upsert\",\"payload\":").append(payload(key, n)).append('}');
            }
            bodies.add(sb.append("]}").toString());
        }
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(PUSHERS);
        long start = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int p = 0; p < PUSHERS; p++) {
            fs.add(pool.submit(() -> {
                for (int b = (int) next.getAndIncrement(); b < batches; b = (int) next.getAndIncrement()) {
                    HttpResponse<String> resp = send(HttpRequest.newBuilder(base.resolve("/sync/mutations/push"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(b))).build());
                    if (resp.statusCode() != 200) {
                        throw new IllegalStateException("push answered " + resp.statusCode() + ": " + resp.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return batches * BATCH / seconds;
    }

    /** ~300 bytes: the shape of an observation as the client sends it. */
    static String payload(String key, int n) {
        return "{\"sync_id\":\"" + key + "\",\"session_id\":\"bench-session\",\"type\":\"decision\",\"title\":\"Benchmark observation "
                + n + "\",\"content\":\"Chose SQLite WAL with one writer thread; readers use their own connections so pulls never block pushes.\","
                + "\"project\":\"bench\",\"scope\":\"project\",\"revision_count\":1,\"created_at\":\"2026-11-27T06:00:00.123Z\","
                + "\"updated_at\":\"2026-11-27T06:00:00.123Z\",\"version\":\"019ac5a1b2c3.0000.bench\"}";
    }

    /** Pulls from seq 0 in pages of 1000 until {@code expected} mutations arrived; mutations per second. */
    private double pull(URI base, String token, int expected) throws Exception {
        long since = 0;
        int got = 0;
        Pattern seq = Pattern.compile("\"seq\":(\\d+)");
        long start = System.nanoTime();
        while (got < expected) {
            HttpResponse<String> resp = send(HttpRequest.newBuilder(base.resolve("/sync/mutations/pull?limit=1000&since_seq=" + since))
                    .header("Authorization", "Bearer " + token).GET().build());
            Matcher m = seq.matcher(resp.body());
            int page = 0;
            while (m.find()) {
                since = Long.parseLong(m.group(1));
                page++;
            }
            if (page == 0) {
                throw new IllegalStateException("pull stalled at " + got + ": " + resp.body());
            }
            got += page;
        }
        return got / ((System.nanoTime() - start) / 1e9);
    }

    /** Time from sending a push (to {@code pushTo}) until a long poll waiting on {@code waitOn} answers; p50 and p99 in ms. */
    private double[] wakeups(URI pushTo, URI waitOn, String token, int rounds) throws Exception {
        long latest = latestSeq(waitOn, token);
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long since = latest;
            CompletableFuture<Long> answered = CompletableFuture.supplyAsync(() -> {
                send(HttpRequest.newBuilder(waitOn.resolve("/sync/mutations/pull?wait_ms=10000&since_seq=" + since))
                        .header("Authorization", "Bearer " + token).GET().build());
                return System.nanoTime();
            });
            Thread.sleep(20); // let the poll reach the server and start waiting (a benchmark, not a test)
            String id = "wake-" + System.nanoTime();
            String body = "{\"entries\":[{\"mutation_id\":\"" + id + "\",\"project\":\"bench\",\"entity\":\"observation\",\"entity_key\":\"obs-w\",\"op\":\"upsert\",\"payload\":"
                    + payload("obs-w", i) + "}]}";
            long sent = System.nanoTime();
            HttpResponse<String> pushed = send(HttpRequest.newBuilder(pushTo.resolve("/sync/mutations/push"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build());
            latest = Long.parseLong(pushed.body().replaceAll("\\D+", " ").trim().split(" ")[0]);
            ms[i] = (answered.get() - sent) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[rounds / 2], ms[(int) Math.min(rounds - 1, Math.ceil(rounds * 0.99) - 1)]};
    }

    private long latestSeq(URI base, String token) {
        String body = send(HttpRequest.newBuilder(base.resolve("/sync/mutations/pull?limit=1&since_seq=0"))
                .header("Authorization", "Bearer " + token).GET().build()).body();
        Matcher m = Pattern.compile("\"latest_seq\":(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CloudDatabaseUrl freshPostgres(String adminUrl) throws Exception {
        String name = "engram_bench_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return CloudDatabaseUrl.parse("--db", adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
    }

    /** Runs bench/pouchdb/bench.js with the same document count and size; it prints one JSON object. */
    private static Map<String, Double> pouchdb(String modules) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", "bench/pouchdb/bench.js", Integer.toString(MUTATIONS), Integer.toString(BATCH))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("NODE_PATH", modules);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bench/pouchdb/bench.js failed: " + out);
        }
        Map<String, Double> r = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\":([0-9.]+)").matcher(out);
        while (m.find()) {
            r.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return r;
    }

    private static void report(Map<String, Map<String, Double>> results) {
        System.out.printf(Locale.ROOT, "%nCloud server benchmark: %d mutations, batches of %d, ~300-byte payloads, %d pushers, loopback, %s%n",
                MUTATIONS, BATCH, PUSHERS, java.time.LocalDate.now());
        results.forEach((store, r) -> r.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-11s %-30s %,12.1f%n", store, k, v)));
        Map<String, Double> pouch = results.get("pouchdb");
        if (pouch != null) {
            for (String store : List.of("sqlite", "postgresql")) {
                Map<String, Double> r = results.get(store);
                if (r == null) {
                    continue;
                }
                System.out.printf(Locale.ROOT, "ratio %-11s push x%.1f, pull x%.1f, wake-up p50 x%.1f (vs PouchDB)%n", store,
                        r.get("push_per_s") / pouch.get("push_per_s"), r.get("pull_per_s") / pouch.get("pull_per_s"),
                        pouch.get("wakeup_p50_ms") / r.get("wakeup_p50_ms"));
            }
        }
    }
}
