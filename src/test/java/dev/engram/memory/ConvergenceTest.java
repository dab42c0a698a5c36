package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Replays journals between stores in shuffled orders, with repeats, and checks that every replica ends the same. */
class ConvergenceTest {
    @TempDir
    Path dir;

    record Mutation(String entity, String op, JsonNode payload) {
    }

    private static List<Mutation> drain(SqliteMemoryStore s) {
        return s.write(c -> {
            List<Mutation> out = Sql.list(c, "SELECT entity, op, payload FROM journal ORDER BY seq",
                    rs -> new Mutation(rs.getString(1), rs.getString(2), Wire.Json.MAPPER.readTree(rs.getString(3))));
            Sql.update(c, "DELETE FROM journal");
            return out;
        });
    }

    private static void applyAll(SqliteMemoryStore s, List<Mutation> mutations) {
        s.write(c -> {
            for (Mutation m : mutations) {
                SqliteMemoryStore.applyMutation(c, m.entity(), m.op(), m.payload());
            }
            return null;
        });
    }

    private static List<String> state(SqliteMemoryStore s) {
        return s.read(c -> Sql.list(c, "SELECT sync_id || '|' || title || '|' || content || '|' || coalesce(deleted_at, '-') || '|' || version "
                + "FROM observations ORDER BY sync_id", rs -> rs.getString(1)));
    }

    @Test
    void replicasConvergeWhateverTheOrderAndRepetitionOfDelivery() {
        MutableClock clock = MutableClock.at("2026-11-27T06:00:00.000Z");
        SqliteMemoryStore a = SqliteMemoryStore.openFile(dir.resolve("a.db"), clock, new Random(1));
        SqliteMemoryStore b = SqliteMemoryStore.openFile(dir.resolve("b.db"), clock, new Random(2));
        a.enroll("demo");
        b.enroll("demo");

        Observation shared = a.save(NewObservation.of("demo", "Shared", "v1")).observation();
        Observation doomed = a.save(NewObservation.of("demo", "Doomed", "will be hard deleted")).observation();
        List<Mutation> fromA = new ArrayList<>(drain(a));
        applyAll(b, fromA);

        // concurrent edits of the same observation on both sides, and a delete
        clock.advance(Duration.ofSeconds(1));
        a.update(shared.id(), new ObservationUpdate(null, "edited on a", null, null, null));
        long bSharedId = b.read(c -> Sql.one(c, "SELECT id FROM observations WHERE sync_id = ?", rs -> rs.getLong(1), shared.syncId()));
        long bDoomedId = b.read(c -> Sql.one(c, "SELECT id FROM observations WHERE sync_id = ?", rs -> rs.getLong(1), doomed.syncId()));
        b.update(bSharedId, new ObservationUpdate(null, "edited on b", null, null, null));
        b.delete(bDoomedId, true);
        b.save(NewObservation.of("demo", "Only on b", "x"));
        List<Mutation> more = new ArrayList<>(drain(a));
        more.addAll(drain(b));
        List<Mutation> all = new ArrayList<>(fromA);
        all.addAll(more);

        Random shuffle = new Random(42);
        List<List<String>> states = new ArrayList<>();
        for (int replica = 0; replica < 4; replica++) {
            try (SqliteMemoryStore fresh = SqliteMemoryStore.openFile(dir.resolve("c" + replica + ".db"), clock, new Random(10 + replica))) {
                List<Mutation> delivery = new ArrayList<>(all);
                delivery.addAll(all.subList(0, all.size() / 2)); // repeats
                Collections.shuffle(delivery, shuffle);
                applyAll(fresh, delivery);
                states.add(state(fresh));
            }
        }
        applyAll(a, more);
        applyAll(b, more);
        states.add(state(a));
        states.add(state(b));

        assertThat(states).allSatisfy(s -> assertThat(s).isEqualTo(states.get(0)));
        assertThat(states.get(0)).hasSize(2).noneMatch(row -> row.contains("Doomed"));
        a.close();
        b.close();
    }

    @Test
    void theSameTopicKeyCreatedOnTwoReplicasKeepsBothAndConverges() {
        MutableClock clock = MutableClock.at("2026-11-27T06:00:00.000Z");
        try (SqliteMemoryStore a = SqliteMemoryStore.openFile(dir.resolve("a.db"), clock, new Random(1));
             SqliteMemoryStore b = SqliteMemoryStore.openFile(dir.resolve("b.db"), clock, new Random(2))) {
            a.enroll("demo");
            b.enroll("demo");
            a.save(new NewObservation(null, "decision", "Auth", "from a", null, "demo", null, "auth/model"));
            b.save(new NewObservation(null, "decision", "Auth", "from b", null, "demo", null, "auth/model"));
            List<Mutation> fromA = drain(a);
            List<Mutation> fromB = drain(b);
            applyAll(a, fromB);
            applyAll(b, fromA);
            assertThat(state(a)).isEqualTo(state(b)).hasSize(2);

            clock.advance(Duration.ofSeconds(1));
            SaveResult revisedOnA = a.save(new NewObservation(null, "decision", "Auth", "merged", null, "demo", null, "auth/model"));
            SaveResult revisedOnB = b.save(new NewObservation(null, "decision", "Auth", "merged", null, "demo", null, "auth/model"));
            assertThat(revisedOnA).isInstanceOf(SaveResult.Revised.class);
            assertThat(revisedOnA.observation().syncId()).isEqualTo(revisedOnB.observation().syncId());
        }
    }

    @Test
    void aDeleteIsATombstoneThatAnOlderUpsertCannotUndo() {
        MutableClock clock = MutableClock.at("2026-11-27T06:00:00.000Z");
        try (SqliteMemoryStore a = SqliteMemoryStore.openFile(dir.resolve("a.db"), clock, new Random(1));
             SqliteMemoryStore b = SqliteMemoryStore.openFile(dir.resolve("b.db"), clock, new Random(2))) {
            a.enroll("demo");
            Observation o = a.save(NewObservation.of("demo", "t", "c")).observation();
            clock.advance(Duration.ofSeconds(1));
            a.delete(o.id(), false);
            List<Mutation> journal = drain(a);
            Collections.reverse(journal); // the delete arrives before the create
            applyAll(b, journal);
            assertThat(b.search(SearchQuery.of("c"))).isEmpty();
            assertThat(b.context("demo", null).observations()).isEmpty();
        }
    }

    @Test
    void aSoftDeleteThatWinsOverAConcurrentEditLeavesTheSameDeletedRowOnBothReplicas() {
        MutableClock clock = MutableClock.at("2026-11-27T06:00:00.000Z");
        try (SqliteMemoryStore a = SqliteMemoryStore.openFile(dir.resolve("a.db"), clock, new Random(1));
             SqliteMemoryStore b = SqliteMemoryStore.openFile(dir.resolve("b.db"), clock, new Random(2))) {
            a.enroll("demo");
            b.enroll("demo");
            Observation o = a.save(NewObservation.of("demo", "title", "original")).observation();
            applyAll(b, drain(a));
            long onB = b.context("demo", null).observations().getFirst().id();
            clock.advance(Duration.ofSeconds(1));
            b.update(onB, new ObservationUpdate("edited title", "edited on b", null, null, null));
            clock.advance(Duration.ofSeconds(1));
            a.delete(o.id(), false); // newer than b's edit: the delete wins
            List<Mutation> fromA = drain(a);
            List<Mutation> fromB = drain(b);
            applyAll(a, fromB);
            applyAll(b, fromA);
            assertThat(state(b)).isEqualTo(state(a));
            assertThat(a.get(o.id()).deleted()).isTrue();
            assertThat(b.get(onB).content()).isEqualTo("original");
        }
    }

    @Test
    void anUnappliableMutationIsABadPayloadAndChangesNothing() {
        try (SqliteMemoryStore a = SqliteMemoryStore.openFile(dir.resolve("a.db"), MutableClock.at("2026-11-27T06:00:00.000Z"), new Random(1))) {
            JsonNode noTitle = Wire.Json.MAPPER.readTree("{\"sync_id\":\"obs-1\",\"version\":\"000000000001.0000.r-x\"}");
            assertThatThrownBy(() -> applyAll(a, List.of(new Mutation("observation", "upsert", noTitle))))
                    .isInstanceOf(BadPayloadException.class).hasMessageContaining("title");
            assertThatThrownBy(() -> applyAll(a, List.of(new Mutation("planet", "upsert", noTitle))))
                    .isInstanceOf(BadPayloadException.class).hasMessageContaining("planet");
            assertThat(a.stats().observations()).isZero();
        }
    }
}
