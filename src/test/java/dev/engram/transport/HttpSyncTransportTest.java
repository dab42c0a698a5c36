package dev.engram.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only the HTTP client can get wrong: headers, status mapping, bodies, timeouts, secrets. */
class HttpSyncTransportTest {
    static final String TOKEN = "tok-very-secret-123";
    final FakeSyncTransport backend = new FakeSyncTransport();
    FakeCloudServer server;
    HttpSyncTransport http;

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeCloudServer(backend, TOKEN);
        http = new HttpSyncTransport(server.url() + "/", TOKEN,
                new HttpSyncTransport.Settings(Duration.ofSeconds(2), Duration.ofMillis(500), 4096));
    }

    @AfterEach
    void tearDown() {
        http.close();
        server.close();
    }

    static List<OutboundMutation> one() {
        return List.of(SyncTransportContract.mutation("r-a:1", "alpha", "s1"));
    }

    @Test
    void sendsTheBearerTokenAsPlainHttp11Json() {
        http.push(one());
        http.pull(0, 50, 0);

        FakeCloudServer.Seen push = server.seen().get(0);
        assertThat(push.method()).isEqualTo("POST");
        assertThat(push.uri()).isEqualTo("/sync/mutations/push");
        assertThat(push.headers().get("Authorization")).containsExactly("Bearer " + TOKEN);
        assertThat(push.headers().get("Content-type")).containsExactly("application/json");
        assertThat(push.headers()).doesNotContainKeys("Upgrade", "Http2-settings");
        assertThat(push.body()).startsWith("{\"entries\":[{\"mutation_id\":\"r-a:1\",\"project\":\"alpha\",\"entity\":\"session\","
                + "\"entity_key\":\"s1\",\"op\":\"upsert\",\"payload\":{\"id\":\"s1\"");
        assertThat(server.seen().get(1).uri()).isEqualTo("/sync/mutations/pull?since_seq=0&limit=50");
    }

    @Test
    void longPollPassesWaitMs() {
        http.pull(7, 10, 1500);

        assertThat(server.seen().getFirst().uri()).isEqualTo("/sync/mutations/pull?since_seq=7&limit=10&wait_ms=1500");
    }

    @Test
    void errorStatusCarriesTheServersCodeAndNeverTheToken() {
        HttpSyncTransport wrongToken = new HttpSyncTransport(server.url(), "tok-wrong-456");

        assertThatThrownBy(() -> wrongToken.push(one())).isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.errorCode()).isEqualTo("auth_required");
            assertThat(e.getMessage()).isEqualTo("POST /sync/mutations/push: 401 auth_required: unknown or revoked token")
                    .doesNotContain("tok-");
            assertThat(FailureClassifier.classify(e).reason()).isEqualTo(ReasonCode.AUTH_REQUIRED);
        });
        wrongToken.close();
    }

    @Test
    void errorWithoutABodyStillHasItsStatus() {
        server.respondNext(503, "");

        assertThatThrownBy(() -> http.pull(0, 10, 0)).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(FailureClassifier.classify(e).reason()).isEqualTo(ReasonCode.SERVER_ERROR));
    }

    @Test
    void malformedBodiesAreProtocolErrors() {
        server.respondNext(200, "<html>proxy login</html>");
        server.respondNext(200, "{\"accepted_seqs\":\"one\"}");
        server.respondNext(200, "{\"mutations\":[{\"mutation_id\":\"x\"}],\"has_more\":false,\"latest_seq\":1}");
        server.respondNext(200, "{\"mutations\":[]}");

        assertThat(reason(() -> http.push(one()))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(reason(() -> http.push(one()))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(reason(() -> http.pull(0, 10, 0))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(reason(() -> http.pull(0, 10, 0))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void oddMutationContentIsPassedOnForTheEngineToJudge() {
        server.respondNext(200, "{\"mutations\":[{\"seq\":4,\"entity\":7,\"payload\":\"text\",\"occurred_at\":\"yesterday\"}],"
                + "\"has_more\":false,\"latest_seq\":4}");

        PulledMutation m = http.pull(0, 10, 0).mutations().getFirst();

        assertThat(m.seq()).isEqualTo(4);
        assertThat(m.entity()).isNull();
        assertThat(m.payloadJson()).isEqualTo("\"text\"");
        assertThat(m.occurredAt()).isNull();
    }

    @Test
    void oversizedResponseIsRefused() {
        server.respondNext(200, "{\"accepted_seqs\":[1],\"pad\":\"" + "x".repeat(5000) + "\"}");

        assertThatThrownBy(() -> http.push(one())).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.getMessage()).contains("larger than 4096 bytes"));
    }

    @Test
    void silentServerTimesOut() {
        server.hangNext();

        assertThatThrownBy(() -> http.pull(0, 10, 0)).isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(FailureClassifier.classify(e).reason()).isEqualTo(ReasonCode.TRANSPORT_FAILED);
        });
    }

    @Test
    void refusedConnectionIsATransportFailure() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpSyncTransport nowhere = new HttpSyncTransport("http://127.0.0.1:" + port, TOKEN);

        assertThatThrownBy(() -> nowhere.pull(0, 10, 0)).isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.CONNECT);
            assertThat(e.getMessage()).doesNotContain(TOKEN);
        });
        nowhere.close();
    }

    @Test
    void badServerUrlsAndTokensAreRefusedUpFront() {
        assertThatThrownBy(() -> new HttpSyncTransport("ftp://x", TOKEN)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new HttpSyncTransport("cloud.example", TOKEN)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new HttpSyncTransport("https://user:pw-secret@cloud.example", TOKEN))
                .isInstanceOf(InvalidInputException.class).message().doesNotContain("pw-secret");
        assertThatThrownBy(() -> new HttpSyncTransport("https://cloud.example", " ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new HttpSyncTransport("https://cloud.example", "tok\nX-Evil: 1")).isInstanceOf(InvalidInputException.class);
    }

    static ReasonCode reason(Runnable call) {
        try {
            call.run();
            return null;
        } catch (TransportException e) {
            return FailureClassifier.classify(e).reason();
        }
    }
}
