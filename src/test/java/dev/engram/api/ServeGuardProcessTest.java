package dev.engram.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engram serve}'s guard options through the real command line: --allowed-host, ENGRAM_ALLOWED_HOSTS, --print-token. */
class ServeGuardProcessTest {
    private static final String SAVE = "{\"title\":\"Use WAL\",\"content\":\"readers never block\",\"project\":\"demo\"}";

    @TempDir
    Path dir;

    private ProcessBuilder engram(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-cp", System.getProperty("java.class.path"), "dev.engram.app.Main", "--data-dir", dir.resolve("data").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("ENGRAM_ALLOWED_HOSTS");
        pb.environment().putAll(env);
        return pb;
    }

    private int run(Map<String, String> env, String... args) throws Exception {
        Process p = engram(env, args).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("engram " + String.join(" ", args) + " exits").isTrue();
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code serve} with {@code args}, runs {@code body} once /health answers, then stops it. */
    private void serving(Map<String, String> env, int port, ServeBody body, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("serve", "--port", Integer.toString(port)));
        all.addAll(List.of(args));
        Process p = engram(env, all.toArray(String[]::new)).start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> RawHttp.send(port, "GET", "/health", "127.0.0.1:" + port, null).status() == 200);
            body.run();
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    interface ServeBody {
        void run() throws Exception;
    }

    @Test
    void printTokenPrintsTheSameTokenAloneAndKeepsItPrivate() throws Exception {
        assertThat(run(Map.of(), "serve", "--print-token")).isZero();
        String first = Files.readString(dir.resolve("out.txt"));
        assertThat(first).matches("[A-Za-z0-9_-]{43}\n");
        Path file = dir.resolve("data/serve-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data")))).isEqualTo("rwx------");
        assertThat(Files.readString(dir.resolve("err.txt"))).doesNotContain(first.strip());

        assertThat(run(Map.of(), "serve", "--print-token")).isZero();
        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo(first);
    }

    @Test
    void boundBeyondLoopbackServeRequiresThePrintedTokenAndAcceptsHostsFromTheEnvironment() throws Exception {
        int port = freePort();
        serving(Map.of("ENGRAM_ALLOWED_HOSTS", "engram.lan, other.lan"), port, () -> {
            String self = "127.0.0.1:" + port;
            assertThat(RawHttp.send(port, "POST", "/observations", self, SAVE, "Content-Type: application/json").status()).isEqualTo(401);
            String token = Files.readString(dir.resolve("data/serve-token")).strip();
            String auth = "Authorization: Bearer " + token;
            assertThat(RawHttp.send(port, "POST", "/observations", self, SAVE, "Content-Type: application/json", auth).status())
                    .isEqualTo(201);
            assertThat(RawHttp.send(port, "GET", "/search?q=wal", "other.lan:" + port, null, auth).body()).contains("Use WAL");
            assertThat(RawHttp.send(port, "GET", "/search?q=wal", "evil.example:" + port, null, auth).status()).isEqualTo(403);
        }, "--host", "0.0.0.0");
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("bearer token required")
                .doesNotContain(Files.readString(dir.resolve("data/serve-token")).strip());
    }

    @Test
    void allowedHostFlagsReplaceTheEnvironment() throws Exception {
        int port = freePort();
        serving(Map.of("ENGRAM_ALLOWED_HOSTS", "other.lan"), port, () -> {
            assertThat(RawHttp.send(port, "GET", "/stats", "engram.lan:" + port, null).status()).isEqualTo(200);
            assertThat(RawHttp.send(port, "GET", "/stats", "second.lan", null).status()).isEqualTo(200);
            assertThat(RawHttp.send(port, "GET", "/stats", "other.lan:" + port, null).body()).contains("forbidden_host");
            assertThat(RawHttp.send(port, "GET", "/stats", "localhost:" + port, null).status()).isEqualTo(200);
        }, "--allowed-host", "engram.lan", "--allowed-host", "second.lan");
    }

    @Test
    void aMalformedAllowedHostIsAUsageErrorNamingWhereItCameFrom() throws Exception {
        assertThat(run(Map.of(), "serve", "--port", "0", "--allowed-host", "http://engram.lan/")).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("--allowed-host").contains("http://engram.lan/");
        assertThat(run(Map.of("ENGRAM_ALLOWED_HOSTS", "engram.lan,*.lan"), "serve", "--port", "0")).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("ENGRAM_ALLOWED_HOSTS").contains("*.lan");
    }
}
