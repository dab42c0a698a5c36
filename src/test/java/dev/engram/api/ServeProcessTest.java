package dev.engram.api;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram serve} as a real process: binds, answers through the production wiring, stops on SIGTERM. */
class ServeProcessTest {
    @TempDir
    Path dir;

    @Test
    void servesOnLoopbackReadsThePersistedSyncStatusAndStopsCleanlyOnSigterm() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-cp", System.getProperty("java.class.path"), "dev.engram.app.Main",
                "--data-dir", dir.resolve("data").toString(), "serve", "--port", Integer.toString(port)));
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build()) {
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> health = null;
            for (int i = 0; i < 150 && health == null; i++) {
                try {
                    health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertThat(health).as("serve answered /health; stderr: " + Files.readString(dir.resolve("err.txt"))).isNotNull();
            assertThat(health.body()).contains("\"service\":\"engram\"");

            String status = http.send(HttpRequest.newBuilder(URI.create(base + "/sync/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(status).contains("\"reason_code\":\"not_configured\"").contains("\"phase\":\"disabled\"");
        } finally {
            p.destroy(); // SIGTERM
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        assertThat(Files.readString(dir.resolve("out.txt"))).as("stdout stays empty: logs go to stderr").isEmpty();
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("http server started").contains("port=" + port)
                .contains("http server stopped");
    }
}
