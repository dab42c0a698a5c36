package dev.engram.cloud;

import static dev.engram.cloud.Mutations.body;
import static dev.engram.cloud.Mutations.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.cloud.CloudHttp.Reply;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract 8.5 where PostgreSQL itself matters: a NUL (which a PostgreSQL text column refuses) fails
 * only its sender, even inside a group commit shared with other tenants; instances sharing one
 * database share one server id.
 */
class PostgresIntegrityTest {
    private PostgresTestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = PostgresTestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void aNulPushAmongConcurrentValidPushesOfAnotherTokenIsRefusedAloneWith400() throws Exception {
        try (CloudServer server = CloudServer.start(CloudServerConfig.defaults().withPort(0).withDatabase(db.databaseUrl()))) {
            CloudHttp http = new CloudHttp(server.baseUri());
            String good = server.tokens().create("good", List.of("team")).token();
            String evil = server.tokens().create("evil", List.of("team")).token();
            int pushers = 8;
            int rounds = 15;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2 * pushers);
            try {
                List<Future<List<Integer>>> goodPushes = new ArrayList<>();
                List<Future<List<Integer>>> evilPushes = new ArrayList<>();
                for (int p = 0; p < pushers; p++) {
                    int pusher = p;
                    goodPushes.add(pool.submit(() -> {
                        go.await();
                        List<Integer> statuses = new ArrayList<>();
                        for (int i = 0; i < rounds; i++) {
                            statuses.add(http.push(good, body(entry("g" + pusher + ":" + i, "team"))).status());
                        }
                        return statuses;
                    }));
                    evilPushes.add(pool.submit(() -> {
                        go.await();
                        List<Integer> statuses = new ArrayList<>();
                        for (int i = 0; i < rounds; i++) {
                            String id = "e" + pusher + ":" + i;
                            String nul = i % 2 == 0
                                    ? entry(id + "\\u0000", "team")
                                    : entry(id, "team", "observation", "obs-e", "upsert", Mutations.observation("obs-e", "team", "x\\u0000y"));
                            statuses.add(http.push(evil, body(entry("ok" + id, "team"), nul)).status());
                        }
                        return statuses;
                    }));
                }
                go.countDown();
                for (Future<List<Integer>> f : goodPushes) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).containsOnly(200);
                }
                for (Future<List<Integer>> f : evilPushes) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).containsOnly(400);
                }
            } finally {
                pool.shutdownNow();
            }
            List<String> stored = new ArrayList<>();
            long since = 0;
            boolean more = true;
            while (more) {
                Reply page = http.pull(good, "since_seq=" + since + "&limit=1000");
                page.json().get("mutations").forEach(m -> stored.add(m.get("mutation_id").asString()));
                since = page.json().get("latest_seq").asLong();
                more = page.json().get("has_more").asBoolean();
            }
            assertThat(stored).hasSize(pushers * rounds).allMatch(id -> id.startsWith("g"));
        }
    }

    @Test
    void aRequestThePostgresqlTransactionRefusesFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
        try (PostgresCloudStore store = PostgresCloudStore.open((CloudDatabaseUrl.Postgres) db.databaseUrl(), Clock.systemUTC(), new SecureRandom());
             Connection blocker = DriverManager.getConnection(db.jdbcUrl())) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                // Hold the append lock so the first push waits inside its transaction and the next three queue into one group.
                lockAppends(blocker, true);
                CompletableFuture<AppendResult> first = CompletableFuture.supplyAsync(() -> store.append(request("a", "first", "{}")), pool);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waitingForAppendLock(blocker));
                CompletableFuture<AppendResult> before = CompletableFuture.supplyAsync(() -> store.append(request("b", "before", "{}")), pool);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.queuedPushes() == 1);
                // Only a request that skipped the push checks can carry a NUL this far; the database refuses it.
                CompletableFuture<AppendResult> poison = CompletableFuture.supplyAsync(() -> store.append(request("c", "poison\u0000", "{}")), pool);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.queuedPushes() == 2);
                CompletableFuture<AppendResult> after = CompletableFuture.supplyAsync(() -> store.append(request("b", "after", "{}")), pool);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.queuedPushes() == 3);
                lockAppends(blocker, false);

                assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(AppendResult.Stored.class);
                assertThat(before.get(10, TimeUnit.SECONDS)).isInstanceOf(AppendResult.Stored.class);
                assertThat(after.get(10, TimeUnit.SECONDS)).isInstanceOf(AppendResult.Stored.class);
                assertThatThrownBy(() -> poison.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CloudStoreException.class);
            } finally {
                pool.shutdownNow();
            }
            PullPage page = store.pull(Set.of("p"), 0, 100, Long.MAX_VALUE);
            assertThat(page.mutations()).extracting(StoredMutation::mutationId).containsExactly("first", "before", "after");
            assertThat(page.mutations()).extracting(StoredMutation::seq).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void theDigestOfARowFromBeforeV2IsBackfilledAsTheServerComputesIt() throws Exception {
        String payload = "{\"sync_id\":\"k\",\"title\":\"caf\u00e9 \u2615 \uD83D\uDE00\"}";
        try (PostgresCloudStore store = PostgresCloudStore.open((CloudDatabaseUrl.Postgres) db.databaseUrl(), Clock.systemUTC(), new SecureRandom())) {
            store.append(request("a", "m:1", payload));
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE cloud_mutations DROP COLUMN payload_digest");
            st.execute("DROP TABLE cloud_meta");
            st.execute("DELETE FROM cloud_schema_version WHERE version = 2");
        }
        PostgresCloudStore.open((CloudDatabaseUrl.Postgres) db.databaseUrl(), Clock.systemUTC(), new SecureRandom()).close();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT payload_digest FROM cloud_mutations WHERE mutation_id = 'm:1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(PayloadDigest.of(payload));
        }
    }

    @Test
    void instancesStartingTogetherOnOneDatabaseShareOneServerIdAndANewDatabaseGetsAnother() throws Exception {
        CloudServerConfig config = CloudServerConfig.defaults().withPort(0).withDatabase(db.databaseUrl());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<CloudServer> servers = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CloudServer>> starting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                starting.add(pool.submit(() -> {
                    go.await();
                    return CloudServer.start(config);
                }));
            }
            go.countDown();
            for (Future<CloudServer> f : starting) {
                servers.add(f.get(60, TimeUnit.SECONDS));
            }
            List<String> ids = servers.stream().map(s -> new CloudHttp(s.baseUri()).get("/health", null).json().get("server_id").asString()).toList();
            assertThat(ids).hasSize(3).allMatch(id -> id.matches("srv-[0-9a-f]{16}")).containsOnly(ids.getFirst());

            try (PostgresTestDatabase other = PostgresTestDatabase.create();
                 CloudServer fresh = CloudServer.start(CloudServerConfig.defaults().withPort(0).withDatabase(other.databaseUrl()))) {
                assertThat(new CloudHttp(fresh.baseUri()).get("/health", null).json().get("server_id").asString()).isNotEqualTo(ids.getFirst());
            }
        } finally {
            servers.forEach(CloudServer::close);
            pool.shutdownNow();
        }
    }

    private static AppendRequest request(String token, String mutationId, String payload) {
        return new AppendRequest(token, List.of(NewMutation.of(mutationId, "p", "observation", "k", "upsert", payload)), Instant.now());
    }

    private static void lockAppends(Connection c, boolean lock) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(lock ? "SELECT pg_advisory_lock(?)" : "SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, Dialect.APPEND_LOCK_KEY);
            ps.execute();
        }
    }

    private static boolean waitingForAppendLock(Connection c) throws Exception {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
