package dev.engram.bench;

import dev.engram.cloud.CloudDatabaseUrl;
import dev.engram.cloud.CloudServer;
import dev.engram.cloud.CloudServerConfig;
import dev.engram.config.CloudSettings;
import dev.engram.config.CloudSettingsFile;
import dev.engram.memory.SqliteMemoryStore;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Propagation: a save through replica A's {@code engram serve} until B's {@code engram serve} finds it
 * by search, both real processes with autosync (debounce 50 ms) against a real cloud server on loopback.
 *
 * <pre>bench/run dev.engram.bench.PropagationBench [samples]</pre>
 */
public final class PropagationBench {
    private PropagationBench() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("engram-propagation");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Process> processes = new ArrayList<>();
        try (CloudServer server = CloudServer.start(CloudServerConfig.defaults().withPort(0)
                .withDatabase(CloudDatabaseUrl.parse("--db", dir.resolve("cloud.db").toString())))) {
            String token = server.tokens().create("bench", List.of("bench")).token();
            int[] ports = new int[2];
            for (int i = 0; i < 2; i++) {
                Path data = dir.resolve("replica-" + i);
                CloudSettingsFile.write(data, new CloudSettings(server.baseUri(), token, true));
                try (SqliteMemoryStore store = SqliteMemoryStore.open(data)) {
                    store.enroll("bench");
                }
                try (ServerSocket s = new ServerSocket(0)) {
                    ports[i] = s.getLocalPort();
                }
                ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.engram.app.Main",
                        "--data-dir", data.toString(), "serve", "--port", Integer.toString(ports[i]))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("serve-" + i + ".log").toFile());
                pb.environment().putAll(Map.of("ENGRAM_AUTOSYNC_DEBOUNCE", "50ms"));
                processes.add(pb.start());
            }
            for (int port : ports) {
                awaitHealth(http, port);
            }
            String a = "http://127.0.0.1:" + ports[0];
            String b = "http://127.0.0.1:" + ports[1];
            long[] nanos = new long[samples];
            for (int i = 0; i < samples + 10; i++) {
                String word = "marker" + Long.toString(System.nanoTime(), 36);
                String body = "{\"title\":\"propagation " + i + "\",\"content\":\"" + word + " travels\",\"project\":\"bench\"}";
                long start = System.nanoTime();
                HttpResponse<String> saved = http.send(HttpRequest.newBuilder(URI.create(a + "/observations"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (saved.statusCode() / 100 != 2) {
                    throw new IllegalStateException("save failed: " + saved.statusCode() + " " + saved.body());
                }
                long deadline = start + Duration.ofSeconds(30).toNanos();
                while (!http.send(HttpRequest.newBuilder(URI.create(b + "/search?q=" + word)).build(),
                        HttpResponse.BodyHandlers.ofString()).body().contains(word)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("observation " + i + " did not arrive within 30 s; see " + dir);
                    }
                    Thread.sleep(2);
                }
                if (i >= 10) {
                    nanos[i - 10] = System.nanoTime() - start;
                }
            }
            StoreBench.print("propagation A save -> B search", nanos);
        } finally {
            processes.forEach(Process::destroy);
            for (Process p : processes) {
                p.waitFor();
            }
        }
    }

    static void awaitHealth(HttpClient http, int port) throws Exception {
        for (int i = 0; i < 300; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("serve on port " + port + " did not start");
    }
}
