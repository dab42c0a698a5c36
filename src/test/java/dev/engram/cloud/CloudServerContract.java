package dev.engram.cloud;

import static dev.engram.cloud.Mutations.body;
import static dev.engram.cloud.Mutations.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.cloud.CloudHttp.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The wire contract (section 8), run against a real server on port 0 over each store:
 * {@link SqliteCloudServerTest} and {@link PostgresCloudServerTest}.
 */
abstract class CloudServerContract {
    protected CloudServer server;
    protected CloudHttp http;
    protected String alpha;

    /** The database for one test; called once per test. */
    protected abstract CloudDatabaseUrl database();

    protected CloudServerConfig config() {
        return CloudServerConfig.defaults().withPort(0).withDatabase(database()).withVersion("test");
    }

    @BeforeEach
    void startServer() {
        server = CloudServer.start(config());
        http = new CloudHttp(server.baseUri());
        alpha = server.tokens().create("alpha", List.of("alpha", "shared")).token();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
        afterServerStopped();
    }

    /** Cleans up the database after the server let go of it. */
    protected void afterServerStopped() {
    }

    @Test
    void healthAnswersWithoutAToken() {
        Reply r = http.get("/health", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("ok");
        assertThat(r.json().get("service").asString()).isEqualTo("engram-cloud");
        assertThat(r.json().get("version").asString()).isEqualTo("test");
    }

    @Test
    void pushReturnsOneSeqPerEntryAndPullReturnsThemInOrderWithPayloadsVerbatim() {
        Reply push = http.push(alpha, body(entry("r1:1", "alpha"), entry("r1:2", "shared"), entry("r1:3", "alpha")));
        assertThat(push.status()).isEqualTo(200);
        List<Long> seqs = longs(push.json().get("accepted_seqs"));
        assertThat(seqs).hasSize(3).isSorted().doesNotHaveDuplicates();

        Reply pull = http.pull(alpha, "since_seq=0");
        assertThat(pull.status()).isEqualTo(200);
        JsonNode muts = pull.json().get("mutations");
        assertThat(muts).hasSize(3);
        assertThat(muts.get(0).get("seq").asLong()).isEqualTo(seqs.get(0));
        assertThat(muts.get(1).get("mutation_id").asString()).isEqualTo("r1:2");
        assertThat(muts.get(1).get("project").asString()).isEqualTo("shared");
        assertThat(muts.get(0).get("entity").asString()).isEqualTo("observation");
        assertThat(muts.get(0).get("op").asString()).isEqualTo("upsert");
        assertThat(muts.get(0).get("occurred_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(pull.body()).contains("\"payload\":" + Mutations.observation("obs-r11", "alpha", "c") + ",");
        assertThat(pull.json().get("has_more").asBoolean()).isFalse();
        assertThat(pull.json().get("latest_seq").asLong()).isEqualTo(seqs.get(2));
    }

    @Test
    void payloadsComeBackByteForByteAsSent() {
        String payload = "{ \"sync_id\" : \"obs-1\", \"project\": \"Alpha\", \"session_id\": \"s\", \"content\": \"c\", \"version\": \"0192f3a4b5c6.0000.r-1\",\n"
                + "  \"created_at\": \"2026-01-02T06:00:00.123Z\", \"title\": \"caf\u00e9 \u2615 \\u00e9\", \"n\": 1.0e2, \"big\": 12345678901234567890123 }";
        assertThat(http.push(alpha, body(entry("b:1", "alpha", "observation", "obs-1", "upsert", payload))).status()).isEqualTo(200);
        assertThat(http.pull(alpha, "").body()).contains("\"payload\":" + payload + ",");
    }

    @Test
    void repeatingAMutationIdStoresNothingNewAndReturnsTheOriginalSeq() {
        List<Long> first = longs(http.push(alpha, body(entry("r1:1", "alpha"), entry("r1:2", "alpha"))).json().get("accepted_seqs"));
        Reply again = http.push(alpha, body(entry("r1:2", "alpha"), entry("r1:3", "alpha"), entry("r1:3", "alpha")));
        List<Long> second = longs(again.json().get("accepted_seqs"));

        assertThat(second.get(0)).isEqualTo(first.get(1));
        assertThat(second.get(2)).isEqualTo(second.get(1));
        assertThat(http.pull(alpha, "since_seq=0").json().get("mutations")).hasSize(3);
    }

    @Test
    void pullReturnsOnlyGrantedProjectsAndLatestSeqVisibleToTheCaller() {
        String beta = server.tokens().create("beta", List.of("beta", "shared")).token();
        http.push(alpha, body(entry("a:1", "alpha"), entry("a:2", "shared")));
        long betaSeq = longs(http.push(beta, body(entry("b:1", "beta"))).json().get("accepted_seqs")).getFirst();
        http.push(alpha, body(entry("a:3", "alpha")));

        Reply pull = http.pull(beta, "since_seq=0");
        JsonNode muts = pull.json().get("mutations");
        assertThat(muts).extracting(m -> m.get("mutation_id").asString()).containsExactly("a:2", "b:1");
        assertThat(pull.json().get("latest_seq").asLong()).isEqualTo(betaSeq);
    }

    @Test
    void pullPagesWithHasMoreUntilTheEnd() {
        List<String> entries = IntStream.range(0, 25).mapToObj(i -> entry("p:" + i, "alpha")).toList();
        http.push(alpha, body(entries));
        List<String> seen = new ArrayList<>();
        long since = 0;
        boolean more = true;
        int pages = 0;
        while (more) {
            JsonNode page = http.pull(alpha, "since_seq=" + since + "&limit=10").json();
            page.get("mutations").forEach(m -> seen.add(m.get("mutation_id").asString()));
            since = page.get("mutations").isEmpty() ? since : page.get("mutations").get(page.get("mutations").size() - 1).get("seq").asLong();
            more = page.get("has_more").asBoolean();
            assertThat(page.get("latest_seq").asLong()).isEqualTo(25);
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void missingMalformedOrUnknownTokensGet401() {
        assertThat(http.sendWithAuthorization("GET", "/sync/mutations/pull", null, null).errorCode()).isEqualTo("unauthorized");
        for (String auth : List.of("", "Bearer", "Bearer ", "Basic abc", "bearer", "Bearer a b", "Token " + alpha, "Bearer egr_unknown")) {
            Reply r = http.sendWithAuthorization("POST", "/sync/mutations/push", auth, body(entry("x:1", "alpha")));
            assertThat(r.status()).as(auth).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo("unauthorized");
            assertThat(r.body()).doesNotContain(alpha);
        }
        assertThat(http.pull(alpha, "").json().get("mutations")).isEmpty();
    }

    @Test
    void aRevokedTokenIsRefusedOnItsNextRequest() {
        assertThat(http.pull(alpha, "").status()).isEqualTo(200);
        assertThat(server.tokens().revoke("alpha")).isTrue();
        Reply r = http.pull(alpha, "");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asString()).contains("revoked");
        assertThat(server.tokens().revoke("alpha")).isFalse();
        assertThat(server.tokens().list()).singleElement().satisfies(t -> assertThat(t.revoked()).isTrue());
    }

    @Test
    void pushingToAProjectNotGrantedGets403NamingItAndStoresNothing() {
        Reply r = http.push(alpha, body(entry("f:1", "alpha"), entry("f:2", "secret"), Mutations.entry("f:3", "other")));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("forbidden");
        assertThat(r.json().get("error").asString()).contains("secret").contains("other");
        assertThat(r.json().get("details")).extracting(d -> d.get("index").asInt()).containsExactly(1, 2);
        assertThat(http.pull(alpha, "").json().get("mutations")).isEmpty();
    }

    @Test
    void authorizationComesBeforeValidation() {
        Reply r = http.push(alpha, body(entry("f:1", "secret", "nonsense", "k", "upsert", "{}")));
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void anInvalidBatchListsEveryInvalidEntryAndStoresNothing() {
        Reply r = http.push(alpha, body(
                entry("v:1", "alpha"),
                entry("v:2", "alpha", "memory", "k", "upsert", "{}"),
                entry("v:3", "alpha", "observation", "k", "merge", "{}"),
                entry("v:4", "Alpha", "observation", "k", "upsert", "{}"),
                entry("v:5", "alpha", "observation", "k", "upsert", "[1]"),
                entry("v:6", "alpha", "observation", "k", "delete", "{\"sync_id\":\"obs-1\"}"),
                "{\"mutation_id\":7,\"project\":\"alpha\",\"entity\":\"prompt\",\"op\":\"upsert\",\"payload\":{}}",
                "\"not an object\""));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_request");
        List<String> problems = new ArrayList<>();
        r.json().get("details").forEach(d -> problems.add(d.get("index").asInt() + ":" + d.get("field").asString()));
        assertThat(problems).contains("1:entity", "2:op", "3:project", "4:payload", "5:payload.deleted",
                "6:mutation_id", "6:entity_key", "7:entry");
        assertThat(problems).noneMatch(p -> p.startsWith("0:"));
        assertThat(http.pull(alpha, "").json().get("mutations")).isEmpty();
    }

    @Test
    void aDeleteCarriesSyncIdAndDeletedTrue() {
        Reply r = http.push(alpha, body(entry("d:1", "alpha", "observation", "obs-1", "delete",
                "{\"sync_id\":\"obs-1\",\"deleted\":true,\"deleted_at\":\"2026-01-02T06:00:00.123Z\",\"hard_delete\":true,\"version\":\"0192f3a4b5c6.0000.r-1\"}")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(http.pull(alpha, "").json().get("mutations").get(0).get("op").asString()).isEqualTo("delete");
    }

    @Test
    void tooManyEntriesGet400() {
        List<String> entries = IntStream.range(0, 101).mapToObj(i -> entry("m:" + i, "alpha")).toList();
        Reply r = http.push(alpha, body(entries));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asString()).contains("101").contains("100");
        assertThat(http.pull(alpha, "").json().get("mutations")).isEmpty();
    }

    @Test
    void anEmptyPushIsAcceptedAndStoresNothing() {
        Reply r = http.push(alpha, "{\"entries\":[]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("accepted_seqs")).isEmpty();
    }

    @Test
    void badPullParametersGet400NamingEachOne() {
        for (String q : List.of("since_seq=-1", "since_seq=abc", "limit=0", "limit=1001", "limit=x", "wait_ms=-5", "wait_ms=30001",
                "since_seq=99999999999999999999", "since_seq=1.5")) {
            Reply r = http.pull(alpha, q);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.json().get("details").get(0).get("field").asString()).isEqualTo(q.substring(0, q.indexOf('=')));
        }
    }

    @Test
    void aLongPollReturnsAsSoonAsAMatchingMutationIsStored() throws Exception {
        http.push(alpha, body(entry("w:0", "alpha")));
        long started = System.nanoTime();
        CompletableFuture<Reply> waiting = CompletableFuture.supplyAsync(() -> http.pull(alpha, "since_seq=1&wait_ms=20000"));
        awaitWaiters(1);
        assertThat(waiting).isNotDone();
        http.push(alpha, body(entry("w:1", "alpha")));
        Reply r = waiting.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.json().get("mutations")).extracting(m -> m.get("mutation_id").asString()).containsExactly("w:1");
    }

    @Test
    void aLongPollIgnoresMutationsOfProjectsNotGrantedAndGivesUpWhenTheTimeIsOver() {
        String beta = server.tokens().create("beta", List.of("beta")).token();
        CompletableFuture<Reply> waiting = CompletableFuture.supplyAsync(() -> http.pull(alpha, "since_seq=0&wait_ms=1500"));
        awaitWaiters(1);
        http.push(beta, body(entry("b:1", "beta")));
        Reply r = waiting.join();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("mutations")).isEmpty();
        assertThat(r.json().get("latest_seq").asLong()).isZero();
    }

    @Test
    void unknownPathsAndMethodsGetJsonErrors() {
        Reply notFound = http.get("/nope", alpha);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.errorCode()).isEqualTo("not_found");
        Reply wrongMethod = http.send("DELETE", "/sync/mutations/push", alpha, null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo("method_not_allowed");
    }

    @Test
    void metricsNeedATokenAndCountPushesPullsAndStoredMutations() {
        assertThat(http.get("/metrics", null).status()).isEqualTo(401);
        http.push(alpha, body(entry("m:1", "alpha"), entry("m:2", "alpha")));
        http.push(alpha, "{");
        http.pull(alpha, "");
        Reply r = http.get("/metrics", alpha);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body())
                .containsPattern("engram_cloud_pushes_total\\{outcome=\"ok\",store=\"\\w+\"} 1\\.0")
                .containsPattern("engram_cloud_pushes_total\\{outcome=\"invalid_request\",store=\"\\w+\"} 1\\.0")
                .containsPattern("engram_cloud_mutations_stored_total\\{store=\"\\w+\"} 2\\.0")
                .containsPattern("engram_cloud_pulls_total\\{outcome=\"ok\",store=\"\\w+\"} 1\\.0")
                .contains("engram_cloud_request_duration_seconds_bucket");
    }

    protected void awaitWaiters(int n) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                http.get("/metrics", alpha).body().lines().anyMatch(l -> l.startsWith("engram_cloud_long_polls_waiting") && l.endsWith(" " + n + ".0")));
    }

    static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }
}
