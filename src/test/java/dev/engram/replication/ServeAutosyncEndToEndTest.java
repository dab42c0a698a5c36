package dev.engram.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.engram.memory.SqliteMemoryStore;
import dev.engram.memory.Version;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@code engram serve} process with autosync, at {@code --log-level debug --log-format json},
 * against the real cloud server, through faults: server down and back, a peer's write, a poisoned row,
 * a push over the server's limit (413), a revoked token (401). Its {@code /metrics} is scraped at each
 * step against the names, labels and values documented in docs/sync.md; at the end its whole stderr
 * (every component: autosync, transport, http, store) must hold no token, no {@code Authorization}
 * header and no memory title or content.
 */
class ServeAutosyncEndToEndTest {
    private static final String PROJECT = "alpha";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    final List<String> secrets = new ArrayList<>();

    @Test
    void serveWithAutosyncThroughFaultsExposesItsDocumentedMetricsAndNeverLogsASecret() throws Exception {
        Path data = dir.resolve("data");
        try (SqliteMemoryStore setup = SqliteMemoryStore.open(data)) {
            setup.enroll(PROJECT);
        }
        try (Cloud cloud = Cloud.start(dir, c -> c.withMaxPushBytes(8 * 1024))) {
            String token = secret(cloud.token("laptop", PROJECT));
            String peerToken = secret(cloud.token("desktop", PROJECT));
            int port = freePort();
            Process serve = startServe(data, port, Map.of("ENGRAM_CLOUD_SERVER", cloud.url(), "ENGRAM_CLOUD_TOKEN", token,
                    "ENGRAM_CLOUD_AUTOSYNC", "1", "ENGRAM_AUTOSYNC_POLL_INTERVAL", "200ms", "ENGRAM_AUTOSYNC_DEBOUNCE", "0ms",
                    "ENGRAM_AUTOSYNC_BASE_BACKOFF", "50ms", "ENGRAM_AUTOSYNC_MAX_BACKOFF", "300ms"));
            String base = "http://127.0.0.1:" + port;
            try {
                awaitUp(base);

                // healthy: a save is pushed
                save(base, "first");
                await().atMost(WAIT).untilAsserted(() -> {
                    Map<String, Double> m = scrape(base);
                    assertThat(m.getOrDefault("engram_sync_mutations_pushed_total", Double.NaN)).isGreaterThanOrEqualTo(2); // observation and its session
                    assertThat(m.getOrDefault("engram_sync_pending_mutations", Double.NaN)).isZero();
                    assertThat(m.getOrDefault("engram_sync_oldest_pending_age_seconds", Double.NaN)).isZero();
                    assertThat(m.getOrDefault("engram_sync_consecutive_failures", Double.NaN)).isZero();
                    assertThat(m.getOrDefault("engram_sync_since_last_success_seconds", Double.NaN)).isBetween(0.0, 30.0);
                    assertThat(m.getOrDefault("engram_observations", Double.NaN)).isEqualTo(1);
                });

                // failure: the server goes away, a save waits
                cloud.stop();
                save(base, "while down");
                await().atMost(WAIT).untilAsserted(() -> {
                    Map<String, Double> m = scrape(base);
                    assertThat(m.getOrDefault("engram_sync_failures_total{reason_code=\"transport_failed\"}", Double.NaN)).isGreaterThanOrEqualTo(1);
                    assertThat(m.getOrDefault("engram_sync_consecutive_failures", Double.NaN)).isGreaterThanOrEqualTo(1);
                    assertThat(m.getOrDefault("engram_sync_pending_mutations", Double.NaN)).isGreaterThanOrEqualTo(1);
                    assertThat(m.getOrDefault("engram_sync_oldest_pending_age_seconds", Double.NaN)).isPositive();
                });
                assertThat(status(base).get("reason_code").asString()).isEqualTo("transport_failed");

                // recovery: the server is back, a peer's write arrives
                cloud.restart();
                try (Replica peer = Replica.in(dir, "peer").connect(cloud.url(), peerToken, PROJECT)) {
                    peer.save(PROJECT, secret("peer-title-xyzzy"), secret("peer-content-plugh"));
                    assertThat(peer.sync().ok()).isTrue();
                }
                await().atMost(WAIT).untilAsserted(() -> {
                    Map<String, Double> m = scrape(base);
                    assertThat(m.getOrDefault("engram_sync_consecutive_failures", Double.NaN)).isZero();
                    assertThat(m.getOrDefault("engram_sync_pending_mutations", Double.NaN)).isZero();
                    assertThat(m.getOrDefault("engram_sync_mutations_pulled_total", Double.NaN)).isGreaterThanOrEqualTo(1);
                    assertThat(m.getOrDefault("engram_sync_since_last_success_seconds", Double.NaN)).isBetween(0.0, 30.0);
                    assertThat(m.getOrDefault("engram_sync_cycle_duration_seconds_count", Double.NaN)).isGreaterThanOrEqualTo(3);
                    assertThat(m.getOrDefault("engram_sync_cycle_duration_seconds_bucket{le=\"+Inf\"}", Double.NaN))
                            .isEqualTo(m.getOrDefault("engram_sync_cycle_duration_seconds_count", Double.NaN));
                    assertThat(m.getOrDefault("engram_observations", Double.NaN)).isEqualTo(3);
                });
                assertThat(status(base).get("phase").asString()).isEqualTo("healthy");
                assertDocumentedMetricsAreServed(scrapeText(base));

                // a poisoned row from the peer is set aside and counted: well formed (the server stores it), but its key is
                // an observation this replica keeps in another project, which replication never lets anyone move or overwrite
                String victim = saveElsewhere(base);
                pushRaw(cloud.url(), peerToken, "{\"entries\":[{\"mutation_id\":\"r-peer-raw:1\",\"project\":\"" + PROJECT
                        + "\",\"entity\":\"observation\",\"entity_key\":\"" + victim + "\",\"op\":\"upsert\",\"payload\":{\"sync_id\":"
                        + "\"" + victim + "\",\"session_id\":\"s-peer\",\"project\":\"" + PROJECT + "\",\"title\":\""
                        + secret("poison-title-xyzzy") + "\",\"content\":\"" + secret("poison-content-plugh")
                        + "\",\"created_at\":\"2026-11-01T00:00:00.000Z\",\"version\":\""
                        + new Version(System.currentTimeMillis(), 0, "r-peer-raw").encode() + "\"}}]}");
                await().atMost(WAIT).untilAsserted(() -> assertThat(scrape(base).getOrDefault("engram_sync_dead_mutations", Double.NaN)).isEqualTo(1));

                // 413: one observation over the server's push limit
                save(base, "x".repeat(16 * 1024));
                await().atMost(WAIT).untilAsserted(() -> assertThat(scrape(base)
                        .getOrDefault("engram_sync_failures_total{reason_code=\"payload_too_large\"}", Double.NaN)).isGreaterThanOrEqualTo(1));

                // 401: the token is revoked
                cloud.revoke("laptop");
                await().atMost(WAIT).untilAsserted(() -> assertThat(scrape(base)
                        .getOrDefault("engram_sync_failures_total{reason_code=\"auth_required\"}", Double.NaN)).isGreaterThanOrEqualTo(1));
            } finally {
                serve.destroy(); // SIGTERM
                assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertStderrHoldsNoSecret(Files.readString(dir.resolve("err.txt")));
    }

    private void assertStderrHoldsNoSecret(String err) {
        JsonMapper json = JsonMapper.builder().build();
        Set<String> components = new LinkedHashSet<>();
        Set<String> debugComponents = new LinkedHashSet<>();
        for (String line : err.lines().toList()) {
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (RuntimeException e) {
                throw new AssertionError("a stderr line that is not a JSON event: " + line, e);
            }
            String source = node.has("component") ? node.get("component").asString() : "logger " + node.path("logger").asString();
            components.add(source);
            if (node.get("level").asString().equals("DEBUG")) {
                debugComponents.add(source);
            }
        }
        assertThat(components).as("every component wrote here").contains("autosync", "transport", "http");
        assertThat(debugComponents).as("debug lines were written, the transport's included").contains("autosync", "transport");
        assertThat(err).contains("\"msg\":\"sync request\"").contains("\"msg\":\"pulled mutation set aside\"")
                .contains("\"reason_code\":\"payload_too_large\"").contains("\"reason_code\":\"auth_required\"")
                .contains("\"reason_code\":\"transport_failed\"");
        for (String secret : secrets) {
            assertThat(err).as("stderr holds no token, title or content").doesNotContain(secret);
        }
        assertThat(err).doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("bearer");
    }

    private void assertDocumentedMetricsAreServed(String scrape) throws IOException {
        Set<String> documented = new LinkedHashSet<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(Path.of("docs", "sync.md"))) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Metrics");
            } else if (inSection && line.startsWith("| `engram_")) {
                documented.add(line.substring(3, line.indexOf('`', 3)));
            }
        }
        Set<String> served = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(scrape);
        while (m.find()) {
            served.add(m.group(2).equals("counter") && !m.group(1).endsWith("_total") ? m.group(1) + "_total" : m.group(1));
        }
        assertThat(served).as("every documented metric is served").containsAll(documented);
        assertThat(served.stream().filter(n -> n.startsWith("engram_sync")).toList()).as("every served sync metric is documented")
                .allSatisfy(n -> assertThat(documented).contains(n));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private String secret(String s) {
        secrets.add(s);
        return s;
    }

    private Process startServe(Path data, int port, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-cp", System.getProperty("java.class.path"), "dev.engram.app.Main",
                "--log-level", "debug", "--log-format", "json",
                "--data-dir", data.toString(), "serve", "--port", Integer.toString(port)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ENGRAM_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private void awaitUp(String base) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() ->
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200));
    }

    private void save(String base, String content) throws Exception {
        int n = secrets.size();
        String body = "{\"project\":\"" + PROJECT + "\",\"title\":\"" + secret("title-xyzzy-" + n) + "\",\"content\":\""
                + secret("content-plugh-" + n + "-" + content) + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/observations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** Saves an observation in a project that does not replicate; returns its sync id. */
    private String saveElsewhere(String base) throws Exception {
        String body = "{\"project\":\"elsewhere\",\"title\":\"" + secret("elsewhere-title") + "\",\"content\":\""
                + secret("elsewhere-content") + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/observations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(r.body()).get("sync_id").asString();
    }

    private void pushRaw(String cloudUrl, String token, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(cloudUrl + "/sync/mutations/push"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode status(String base) throws Exception {
        return JsonMapper.builder().build().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/sync/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private String scrapeText(String base) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Every sample of the scrape: {@code name{labels}} to value (labels as the exposition writes them). */
    private Map<String, Double> scrape(String base) throws Exception {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : scrapeText(base).lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
