package dev.engram.cloud;

import static dev.engram.cloud.Mutations.body;
import static dev.engram.cloud.Mutations.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.cloud.CloudHttp.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Two server instances sharing one real PostgreSQL database, as behind a load balancer. */
class PostgresSeveralInstancesTest {
    private static final int PUSHERS = 16;
    private static final int BATCHES = 25;
    private static final int BATCH_SIZE = 8;

    private PostgresTestDatabase db;
    private CloudServer a;
    private CloudServer b;
    private String token;

    @BeforeEach
    void startTwoInstances() {
        db = PostgresTestDatabase.create();
        CloudServerConfig config = CloudServerConfig.defaults().withPort(0).withDatabase(db.databaseUrl());
        a = CloudServer.start(config);
        b = CloudServer.start(config);
        token = a.tokens().create("laptop", List.of("p")).token();
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        db.close();
    }

    @Test
    void aContinuousPullerReceivesEveryMutationOfSixteenPushersExactlyOnceInSeqOrder() throws Exception {
        List<CloudHttp> servers = List.of(new CloudHttp(a.baseUri()), new CloudHttp(b.baseUri()));
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        CountDownLatch pushersDone = new CountDownLatch(PUSHERS);
        ExecutorService pool = Executors.newFixedThreadPool(PUSHERS + 1);
        try {
            Future<List<long[]>> puller = pool.submit(() -> pullContinuously(servers, pushersDone, accepted));
            List<Future<?>> pushers = new ArrayList<>();
            for (int p = 0; p < PUSHERS; p++) {
                int pusher = p;
                pushers.add(pool.submit(() -> {
                    try {
                        for (int batch = 0; batch < BATCHES; batch++) {
                            List<String> ids = new ArrayList<>();
                            for (int i = 0; i < BATCH_SIZE; i++) {
                                ids.add("r" + pusher + ":" + (batch * BATCH_SIZE + i));
                            }
                            Reply r = servers.get((pusher + batch) % 2).push(token, body(ids.stream().map(id -> entry(id, "p")).toList()));
                            assertThat(r.status()).as(r.body()).isEqualTo(200);
                            List<Long> seqs = CloudServerContract.longs(r.json().get("accepted_seqs"));
                            for (int i = 0; i < ids.size(); i++) {
                                accepted.put(ids.get(i), seqs.get(i));
                            }
                        }
                    } finally {
                        pushersDone.countDown();
                    }
                    return null;
                }));
            }
            for (Future<?> f : pushers) {
                f.get(2, TimeUnit.MINUTES);
            }
            List<long[]> pulled = puller.get(2, TimeUnit.MINUTES);

            int total = PUSHERS * BATCHES * BATCH_SIZE;
            assertThat(accepted).hasSize(total);
            assertThat(pulled).hasSize(total);
            for (int i = 0; i < pulled.size(); i++) {
                assertThat(pulled.get(i)[0]).as("seq at position %d", i).isEqualTo(i + 1);
            }
            Map<Long, String> bySeq = new HashMap<>();
            accepted.forEach((id, seq) -> bySeq.put(seq, id));
            assertThat(bySeq).hasSize(total);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Pulls from both instances in turn with a small page, checking every page continues strictly after the cursor. */
    private List<long[]> pullContinuously(List<CloudHttp> servers, CountDownLatch pushersDone, Map<String, Long> accepted) {
        List<long[]> pulled = new ArrayList<>();
        long cursor = 0;
        int turn = 0;
        while (true) {
            boolean finished = pushersDone.getCount() == 0;
            JsonNode page = servers.get(turn++ % 2).pull(token, "since_seq=" + cursor + "&limit=37&wait_ms=100").json();
            for (JsonNode m : page.get("mutations")) {
                long seq = m.get("seq").asLong();
                assertThat(seq).as("a pull never goes back").isGreaterThan(cursor);
                cursor = seq;
                pulled.add(new long[] {seq});
            }
            if (finished && page.get("mutations").isEmpty() && cursor >= accepted.values().stream().mapToLong(Long::longValue).max().orElse(0)) {
                return pulled;
            }
        }
    }

    @Test
    void aLongPollOnOneInstanceWakesWhenAnotherInstanceStores() throws Exception {
        CloudHttp onB = new CloudHttp(b.baseUri());
        CloudHttp onA = new CloudHttp(a.baseUri());
        CompletableFuture<Reply> waiting = CompletableFuture.supplyAsync(() -> onB.pull(token, "since_seq=0&wait_ms=25000"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                onB.get("/metrics", token).body().contains("engram_cloud_long_polls_waiting{store=\"postgresql\"} 1.0"));
        long pushedAt = System.nanoTime();
        onA.push(token, body(entry("x:1", "p")));
        Reply r = waiting.get(20, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - pushedAt)).as("woken by NOTIFY, not by the 1 s re-check")
                .isLessThan(Duration.ofMillis(900));
        assertThat(r.json().get("mutations")).hasSize(1);
    }

    @Test
    void instancesStartingTogetherOnAFreshDatabaseMigrateItOnce() throws Exception {
        try (PostgresTestDatabase fresh = PostgresTestDatabase.create()) {
            CloudServerConfig config = CloudServerConfig.defaults().withPort(0).withDatabase(fresh.databaseUrl());
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<CloudServer>> starting = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    starting.add(pool.submit(() -> CloudServer.start(config)));
                }
                List<CloudServer> servers = new ArrayList<>();
                for (Future<CloudServer> f : starting) {
                    servers.add(f.get(1, TimeUnit.MINUTES));
                }
                String t = servers.get(0).tokens().create("x", List.of("p")).token();
                for (CloudServer s : servers) {
                    assertThat(new CloudHttp(s.baseUri()).pull(t, "").status()).isEqualTo(200);
                    s.close();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aTokenRevokedThroughOneInstanceIsRefusedByTheOther() {
        CloudHttp onB = new CloudHttp(b.baseUri());
        assertThat(onB.pull(token, "").status()).isEqualTo(200);
        a.tokens().revoke("laptop");
        assertThat(onB.pull(token, "").status()).isEqualTo(401);
    }
}
