package dev.engram.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.SqliteMemoryStore;
import dev.engram.memory.Stats;
import dev.engram.metrics.LocalMetrics;
import dev.engram.view.SyncStatusSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request guard in front of the real local API, over raw sockets: what a web page (or a DNS
 * rebinding attack) can make a browser send is refused and changes nothing; the user's own clients work.
 */
class LocalApiGuardTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SAVE = "{\"title\":\"Use WAL\",\"content\":\"readers never block\",\"project\":\"demo\"}";

    @TempDir
    Path dir;

    private SqliteMemoryStore store;
    private LocalApi api;
    private int port;

    private void start(String bindHost, List<String> allowedHosts) {
        store = SqliteMemoryStore.open(dir.resolve("data"));
        api = new LocalApi(store, SyncStatusSource.notConfigured(store), LocalMetrics.create(store), "1.2.3",
                LocalAccess.of("--allowed-host", allowedHosts, ServeToken.in(dir.resolve("data"))));
        port = api.start(bindHost, 0);
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
            store.close();
        }
    }

    private String self() {
        return "127.0.0.1:" + port;
    }

    private RawHttp save(String host, String... headers) throws Exception {
        return RawHttp.send(port, "POST", "/observations", host, SAVE, headers);
    }

    private long stored() {
        Stats s = store.stats();
        return s.observations() + s.sessions() + s.prompts();
    }

    private static void assertRefused(RawHttp r, int status, String code) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().get("content-type")).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("error").asString()).isNotBlank();
        assertThat(r.headers().keySet()).noneMatch(h -> h.startsWith("access-control-"));
    }

    @Test
    void theUsersOwnJsonPostIsCreated() throws Exception {
        start("127.0.0.1", List.of());
        RawHttp r = save(self(), "Content-Type: application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(RawHttp.send(port, "POST", "/observations", "localhost:" + port,
                SAVE.replace("WAL", "FTS"), "Content-Type: application/json; charset=utf-8",
                "Origin: http://localhost:" + port, "Sec-Fetch-Site: same-origin").status()).isEqualTo(201);
        assertThat(stored()).isEqualTo(3); // two observations and their manual session
        assertThat(RawHttp.send(port, "GET", "/search?q=wal", self(), null).body()).contains("Use WAL");
    }

    @Test
    void aRebindingHostIsForbiddenAndNamedAndNothingIsStoredOrRead() throws Exception {
        start("127.0.0.1", List.of());
        RawHttp write = save("rebind.evil.example:" + port, "Content-Type: application/json");
        assertRefused(write, 403, "forbidden_host");
        assertThat(JSON.readTree(write.body()).get("error").asString()).contains("rebind.evil.example:" + port);
        assertThat(stored()).isZero();

        assertThat(save(self(), "Content-Type: application/json").status()).isEqualTo(201);
        RawHttp read = RawHttp.send(port, "GET", "/search?q=wal", "rebind.evil.example:" + port, null);
        assertRefused(read, 403, "forbidden_host");
        assertThat(read.body()).doesNotContain("Use WAL");
        assertRefused(RawHttp.send(port, "GET", "/health", "127.evil.example:" + port, null), 403, "forbidden_host");
        assertRefused(RawHttp.send(port, "GET", "/no-such-route", "evil.example", null), 403, "forbidden_host");
    }

    @Test
    void missingAndRepeatedHostHeadersAreRefused() throws Exception {
        start("127.0.0.1", List.of());
        assertRefused(RawHttp.send(port, "GET /health HTTP/1.0", null), 403, "forbidden_host");
        RawHttp noHost11 = RawHttp.send(port, "POST /observations HTTP/1.1\r\nContent-Type: application/json", SAVE);
        assertThat(noHost11.status()).isBetween(400, 403);
        RawHttp twice = RawHttp.send(port, "POST", "/observations", self(), SAVE, "Host: evil.example", "Content-Type: application/json");
        assertThat(twice.status()).isBetween(400, 403);
        assertThat(stored()).isZero();
    }

    @Test
    void aCrossOriginPostIsRefusedAndNothingIsStored() throws Exception {
        start("127.0.0.1", List.of());
        for (String origin : List.of("http://evil.example", "http://127.0.0.1:" + (port + 1), "null", "https://127.0.0.1:" + port)) {
            assertRefused(save(self(), "Content-Type: application/json", "Origin: " + origin), 403, "cross_origin");
        }
        assertRefused(save(self(), "Content-Type: application/json", "Sec-Fetch-Site: cross-site"), 403, "cross_origin");
        assertRefused(save(self(), "Content-Type: application/json", "Sec-Fetch-Site: same-site"), 403, "cross_origin");
        // A CORS preflight gets no CORS headers: the browser never sends the real request.
        RawHttp preflight = RawHttp.send(port, "OPTIONS", "/observations", self(), null, "Origin: http://evil.example",
                "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: content-type");
        assertRefused(preflight, 403, "cross_origin");
        assertThat(stored()).isZero();
        assertThat(tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(RawHttp.send(port, "GET", "/search?q=wal", self(), null).body()).get("results")).isEmpty();
    }

    @Test
    void bodiesABrowserMaySendWithoutPreflightAreUnsupportedAndNothingIsStored() throws Exception {
        start("127.0.0.1", List.of());
        assertRefused(save(self(), "Content-Type: text/plain"), 415, "unsupported_media_type");
        assertRefused(save(self(), "Content-Type: text/plain;charset=UTF-8"), 415, "unsupported_media_type");
        assertRefused(save(self()), 415, "unsupported_media_type");
        assertRefused(RawHttp.send(port, "POST", "/observations", self(), "title=Use+WAL&content=x&project=demo",
                "Content-Type: application/x-www-form-urlencoded"), 415, "unsupported_media_type");
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nUse WAL\r\n--b--\r\n";
        assertRefused(RawHttp.send(port, "POST", "/observations", self(), multipart, "Content-Type: multipart/form-data; boundary=b"),
                415, "unsupported_media_type");
        assertRefused(RawHttp.send(port, "PATCH", "/observations/1", self(), "{\"title\":\"x\"}", "Content-Type: text/plain"),
                415, "unsupported_media_type");
        assertThat(stored()).isZero();
    }

    @Test
    void aPostWithoutBodyOrTypeReachesItsRoute() throws Exception {
        start("127.0.0.1", List.of());
        RawHttp r = RawHttp.send(port, "POST", "/sessions/s-1/end", self(), null, "Content-Length: 0");
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).get("code").asString()).isEqualTo("not_found");
    }

    @Test
    void anAllowedHostWorksOnAnyPortAndOthersStayForbidden() throws Exception {
        start("127.0.0.1", List.of("engram.lan", "pinned.lan:1"));
        assertThat(save("engram.lan:" + port, "Content-Type: application/json").status()).isEqualTo(201);
        assertThat(save("ENGRAM.LAN:" + port, "Content-Type: application/json", "Origin: http://engram.lan:" + port).status())
                .isEqualTo(200); // the same save again within the window folds into the first
        assertRefused(save("pinned.lan:" + port, "Content-Type: application/json"), 403, "forbidden_host");
        assertRefused(save("evil.engram.lan:" + port, "Content-Type: application/json"), 403, "forbidden_host");
        assertThat(store.stats().observations()).isEqualTo(1);
    }

    @Test
    void boundBeyondLoopbackEveryRequestButHealthNeedsTheToken() throws Exception {
        start("0.0.0.0", List.of());
        Path tokenFile = dir.resolve("data/serve-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        String token = Files.readString(tokenFile).strip();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");

        assertThat(RawHttp.send(port, "GET", "/health", self(), null).status()).isEqualTo(200);
        RawHttp anonymous = save(self(), "Content-Type: application/json");
        assertRefused(anonymous, 401, "unauthorized");
        assertThat(anonymous.headers().get("www-authenticate")).startsWith("Bearer");
        assertRefused(RawHttp.send(port, "GET", "/search?q=wal", self(), null), 401, "unauthorized");
        assertRefused(RawHttp.send(port, "GET", "/metrics", self(), null), 401, "unauthorized");
        RawHttp wrong = save(self(), "Content-Type: application/json", "Authorization: Bearer " + token.substring(1) + "A");
        assertRefused(wrong, 401, "unauthorized");
        assertThat(wrong.body()).doesNotContain(token.substring(1));
        assertThat(stored()).isZero();

        assertThat(save(self(), "Content-Type: application/json", "Authorization: Bearer " + token).status()).isEqualTo(201);
        assertThat(RawHttp.send(port, "GET", "/search?q=wal", self(), null, "Authorization: Bearer " + token).body()).contains("Use WAL");
        // The token does not make a foreign Host or Origin acceptable.
        assertRefused(save("evil.example:" + port, "Content-Type: application/json", "Authorization: Bearer " + token), 403, "forbidden_host");
        assertRefused(save(self(), "Content-Type: application/json", "Authorization: Bearer " + token, "Origin: http://evil.example"),
                403, "cross_origin");
    }
}
