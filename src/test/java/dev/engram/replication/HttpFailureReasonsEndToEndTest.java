package dev.engram.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.engram.autosync.CycleReport;
import dev.engram.autosync.SyncStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each HTTP failure the server can answer gives its own reason code (contract 6), in the cycle report
 * and in the persisted status record with a sentence saying what to do. 401, 403, 404 and 413 come from
 * the real cloud server; 429 and 503 from a tiny JDK HTTP server, because the real one has no rate
 * limiting and no way to make it fail on demand.
 */
class HttpFailureReasonsEndToEndTest {
    private static final String PROJECT = "alpha";

    @TempDir
    Path dir;

    @Test
    void anUnknownTokenIsAuthRequired() {
        try (Cloud cloud = Cloud.start(dir);
                Replica a = Replica.in(dir, "a").connect(cloud.url(), "no-such-token", PROJECT)) {
            a.save(PROJECT, "never leaves", "the server does not know this token");

            assertFailedWith(a, a.sync(), "auth_required");
        }
    }

    @Test
    void aRevokedTokenIsAuthRequired() {
        try (Cloud cloud = Cloud.start(dir);
                Replica a = Replica.in(dir, "a").connect(cloud.url(), cloud.token("laptop", PROJECT), PROJECT)) {
            NetworkFaultsEndToEndTest.assertOk(a.sync());
            cloud.revoke("laptop");
            a.save(PROJECT, "after revocation", "the token was revoked");

            assertFailedWith(a, a.sync(), "auth_required");
            assertThat(a.persistedStatus().pendingCount()).isPositive();
        }
    }

    @Test
    void aProjectTheTokenIsNotGrantedIsPolicyForbiddenWhileOtherProjectsAndInboundStillFlow() {
        try (Cloud cloud = Cloud.start(dir);
                Replica a = Replica.in(dir, "a").connect(cloud.url(), cloud.token("laptop", PROJECT), PROJECT, "secret");
                Replica b = Replica.in(dir, "b").connect(cloud.url(), cloud.token("desktop", PROJECT), PROJECT)) {
            b.save(PROJECT, "from b", "inbound for a");
            NetworkFaultsEndToEndTest.assertOk(b.sync());
            a.save("secret", "forbidden", "the token is not granted this project");
            a.save(PROJECT, "allowed", "outbound for b");

            CycleReport report = a.sync();

            assertFailedWith(a, report, "policy_forbidden");
            assertThat(a.searchIds(PROJECT, "inbound")).as("the pull went on").hasSize(1);
            NetworkFaultsEndToEndTest.assertOk(b.sync());
            assertThat(b.searchIds(PROJECT, "outbound")).as("the granted project was pushed").hasSize(1);
            assertThat(a.store.pendingCount()).as("only the forbidden project waits").isEqualTo(pendingOf(a, "secret")).isPositive();
        }
    }

    @Test
    void aServerUrlWithoutTheSyncEndpointsIsServerUnsupported() {
        try (Cloud cloud = Cloud.start(dir)) {
            String token = cloud.token("laptop", PROJECT);
            try (Replica a = Replica.in(dir, "a").connect(cloud.url() + "/engram", token, PROJECT)) {
                a.save(PROJECT, "lost path", "the URL has an extra segment");

                assertFailedWith(a, a.sync(), "server_unsupported");
            }
        }
    }

    @Test
    void anObservationOverTheServerPushLimitIsPayloadTooLargeAfterHalvingWhileSmallerOnesGetThrough() {
        try (Cloud cloud = Cloud.start(dir, config -> config.withMaxPushBytes(1024))) {
            String token = cloud.token("laptop", PROJECT);
            try (Replica a = Replica.in(dir, "a").connect(cloud.url(), token, PROJECT);
                    Replica b = Replica.in(dir, "b").connect(cloud.url(), token, PROJECT)) {
                a.save(PROJECT, "small", "fits");
                a.save(PROJECT, "huge", "x".repeat(4000));

                assertFailedWith(a, a.sync(), "payload_too_large");
                assertThat(a.store.pendingCount()).as("only the huge observation waits").isEqualTo(1);
                NetworkFaultsEndToEndTest.assertOk(b.sync());
                assertThat(b.state()).extracting(Replica.ObservationState::title).containsExactly("small");
            }
        }
    }

    @Test
    void a429IsRateLimited() throws IOException {
        try (AnsweringServer server = AnsweringServer.always(429, "rate_limited");
                Replica a = Replica.in(dir, "a").connect(server.url(), "any-token", PROJECT)) {
            a.save(PROJECT, "throttled", "the server asks to slow down");

            assertFailedWith(a, a.sync(), "rate_limited");
        }
    }

    @Test
    void a503IsServerError() throws IOException {
        try (AnsweringServer server = AnsweringServer.always(503, "unavailable");
                Replica a = Replica.in(dir, "a").connect(server.url(), "any-token", PROJECT)) {
            a.save(PROJECT, "unlucky", "the server failed");

            assertFailedWith(a, a.sync(), "server_error");
        }
    }

    private static long pendingOf(Replica r, String project) {
        return r.store.read(c -> {
            try (var st = c.prepareStatement("SELECT count(*) FROM journal WHERE project = ?")) {
                st.setString(1, project);
                try (var rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static void assertFailedWith(Replica r, CycleReport report, String reason) {
        assertThat(report.ok()).isFalse();
        assertThat(report.reasonCode()).as(report.error()).isEqualTo(reason);
        assertThat(report.reasonMessage()).isNotBlank();
        SyncStatus status = r.persistedStatus();
        assertThat(status.reasonCode()).isEqualTo(reason);
        assertThat(status.reasonMessage()).isNotBlank().isEqualTo(report.reasonMessage());
        assertThat(status.lastError()).isNotBlank();
        assertThat(status.consecutiveFailures()).isEqualTo(1);
        assertThat(status.backoffUntil()).isNotNull();
    }

    /**
     * Answers every request with one status and a contract error body. Only for 429 and 5xx, which the
     * real cloud server cannot be made to answer.
     */
    private record AnsweringServer(HttpServer server) implements AutoCloseable {
        static AnsweringServer always(int status, String errorCode) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = ("{\"error_code\":\"" + errorCode + "\",\"error\":\"" + errorCode + "\",\"details\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return new AnsweringServer(server);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
