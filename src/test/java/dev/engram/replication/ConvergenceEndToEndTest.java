package dev.engram.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.engram.autosync.CycleReport;
import dev.engram.memory.Observation;
import dev.engram.memory.ObservationUpdate;
import dev.engram.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contract 8.4 against the real cloud server: replicas that edit, soft-delete, hard-delete and create the
 * same observations concurrently end in identical state once they have all synced until quiet. Driven by
 * {@code syncNow} rounds in a seeded order (deterministic), with skewed replica clocks; one variant runs
 * the real autosync threads.
 */
class ConvergenceEndToEndTest {
    private static final String PROJECT = "alpha";
    private static final String[] WORDS = {"lantern", "harbor", "granite", "meadow", "copper"};
    private static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} replicas")
    @ValueSource(ints = {2, 3})
    void replicasConvergeToIdenticalStateAfterConcurrentEditsAndDeletesOfTheSameObservations(int count) {
        SplittableRandom random = new SplittableRandom(20261127L + count);
        try (Cloud cloud = Cloud.start(dir)) {
            String token = cloud.token("team", PROJECT);
            List<Replica> replicas = new ArrayList<>();
            List<MutableClock> clocks = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    // Skewed wall clocks (-3 min, 0, +2 min): the hybrid logical clock must not let skew decide wrongly.
                    MutableClock clock = new MutableClock(T0.plus(Duration.ofMinutes(new int[] {0, -3, 2}[i])));
                    clocks.add(clock);
                    replicas.add(Replica.in(dir, "r" + i).clock(clock).seed(i + 1).connect(cloud.url(), token, PROJECT));
                }
                Replica first = replicas.getFirst();
                for (int n = 0; n < 6; n++) {
                    first.save(PROJECT, "note " + n, "shared memory " + n + " about " + WORDS[n % WORDS.length]);
                }
                syncUntilQuiet(replicas);
                assertThat(replicas).allSatisfy(r -> assertThat(r.state()).hasSize(6));

                // Guaranteed conflicts on the same observations in the same round.
                List<String> shared = first.state().stream().map(Replica.ObservationState::syncId).toList();
                for (Replica r : replicas) {
                    edit(r, shared.get(0), "edited by " + r.name);
                }
                edit(first, shared.get(1), "edited while deleted elsewhere");
                replicas.get(1).store.delete(replicas.get(1).bySyncId(shared.get(1)).id(), false);
                edit(first, shared.get(2), "edited while hard-deleted elsewhere");
                replicas.getLast().store.delete(replicas.getLast().bySyncId(shared.get(2)).id(), true);
                syncInShuffledOrder(replicas, random, 1.0);

                // Random rounds: every replica writes, then only some of them sync, in a random order.
                for (int round = 0; round < 6; round++) {
                    for (int i = 0; i < count; i++) {
                        for (int op = 0; op < 4; op++) {
                            clocks.get(i).advance(Duration.ofMillis(1 + random.nextInt(3000)));
                            randomOperation(replicas.get(i), random, round);
                        }
                    }
                    syncInShuffledOrder(replicas, random, 0.6);
                }

                syncUntilQuiet(replicas);
                assertConverged(replicas);
            } finally {
                replicas.forEach(Replica::close);
            }
        }
    }

    @Test
    void threeReplicasRunningAutosyncConvergeWhileTheyKeepEditingTheSameObservations() {
        Map<String, String> env = Map.of("ENGRAM_AUTOSYNC_POLL_INTERVAL", "200ms", "ENGRAM_AUTOSYNC_DEBOUNCE", "20ms",
                "ENGRAM_AUTOSYNC_BASE_BACKOFF", "50ms", "ENGRAM_AUTOSYNC_MAX_BACKOFF", "500ms");
        SplittableRandom random = new SplittableRandom(7);
        try (Cloud cloud = Cloud.start(dir)) {
            String token = cloud.token("team", PROJECT);
            List<Replica> replicas = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    replicas.add(Replica.in(dir, "auto" + i).env(env).seed(i + 11).connect(cloud.url(), token, PROJECT));
                }
                Replica first = replicas.getFirst();
                for (int n = 0; n < 5; n++) {
                    first.save(PROJECT, "note " + n, "shared memory " + n + " about " + WORDS[n]);
                }
                replicas.forEach(r -> r.manager.start());
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(replicas).allSatisfy(r -> assertThat(r.state()).hasSize(5)));

                // Writes land while the managers push and pull on their own threads.
                for (int round = 0; round < 8; round++) {
                    for (Replica r : replicas) {
                        randomOperation(r, random, round);
                    }
                }

                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    assertThat(replicas).allSatisfy(r -> assertThat(r.store.pendingCount()).isZero());
                    List<Replica.ObservationState> reference = first.state();
                    assertThat(replicas).allSatisfy(r -> assertThat(r.state()).isEqualTo(reference));
                });
                assertConverged(replicas);
                assertThat(replicas).allSatisfy(r -> assertThat(r.manager.status().reasonCode()).isNull());
            } finally {
                replicas.forEach(Replica::close);
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static void edit(Replica r, String syncId, String content) {
        Observation o = r.bySyncId(syncId);
        r.store.update(o.id(), new ObservationUpdate(o.title() + " / " + r.name, content, null, null, null));
    }

    /** Edits (most often), soft- or hard-deletes a live local observation, or creates one. */
    private static void randomOperation(Replica r, SplittableRandom random, int round) {
        List<Replica.ObservationState> live = r.state().stream().filter(o -> !o.deleted()).toList();
        int dice = random.nextInt(100);
        if (live.isEmpty() || dice < 15) {
            r.save(PROJECT, "new " + r.name + " " + round + " " + dice,
                    "fresh memory from " + r.name + " about " + WORDS[random.nextInt(WORDS.length)] + " " + random.nextLong());
            return;
        }
        Observation target = r.bySyncId(live.get(random.nextInt(live.size())).syncId());
        if (dice < 75) {
            r.store.update(target.id(), new ObservationUpdate(null,
                    "revised by " + r.name + " in round " + round + " about " + WORDS[random.nextInt(WORDS.length)] + " " + dice, null, null, null));
        } else if (dice < 90) {
            r.store.delete(target.id(), false);
        } else {
            r.store.delete(target.id(), true);
        }
    }

    private static void syncInShuffledOrder(List<Replica> replicas, SplittableRandom random, double share) {
        List<Replica> order = new ArrayList<>(replicas);
        for (int i = order.size() - 1; i > 0; i--) {
            order.set(i, order.set(random.nextInt(i + 1), order.get(i)));
        }
        for (Replica r : order) {
            if (random.nextDouble() < share) {
                assertOk(r, r.sync());
            }
        }
    }

    /** Every replica syncs, round after round, until one whole round pushes and applies nothing. */
    private static void syncUntilQuiet(List<Replica> replicas) {
        for (int round = 0; round < 10; round++) {
            int moved = 0;
            for (Replica r : replicas) {
                CycleReport report = r.sync();
                assertOk(r, report);
                moved += report.pushed() + report.applied() + report.setAside();
            }
            if (moved == 0) {
                return;
            }
        }
        throw new AssertionError("replicas did not go quiet within 10 rounds of syncing");
    }

    private static void assertOk(Replica r, CycleReport report) {
        assertThat(report.ok()).as("%s: %s %s", r, report.reasonCode(), report.error()).isTrue();
    }

    private static void assertConverged(List<Replica> replicas) {
        Replica first = replicas.getFirst();
        List<Replica.ObservationState> reference = first.state();
        assertThat(reference).isNotEmpty();
        for (Replica r : replicas) {
            assertThat(r.state()).as("state of %s", r).isEqualTo(reference);
            for (String word : WORDS) {
                assertThat(r.searchIds(PROJECT, word)).as("search '%s' on %s", word, r).isEqualTo(first.searchIds(PROJECT, word));
            }
            assertThat(r.searchIds(PROJECT, "memory")).as("search 'memory' on %s", r).isEqualTo(first.searchIds(PROJECT, "memory"));
            assertThat(r.store.pendingCount()).as("pending on %s", r).isZero();
            assertThat(r.persistedStatus().deadCount()).as("dead letters on %s", r).isZero();
        }
    }
}
