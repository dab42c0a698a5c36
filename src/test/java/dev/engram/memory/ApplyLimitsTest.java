package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.Limits;
import dev.engram.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pulled and imported records (contract 8.5): out-of-range values are refused naming the field with
 * nothing written, {@code <private>} is redacted, and nothing a peer sends can stop local writes.
 */
class ApplyLimitsTest {
    static final Instant NOW = Instant.parse("2026-11-27T06:00:00.000Z");
    static final String VERSION = "019ac3ad9a00.0000.r-peer";
    static final String FAR_FUTURE_VERSION = String.format("%012x.0000.r-peer", NOW.plus(Duration.ofDays(2)).toEpochMilli());

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(NOW);
    SqliteMemoryStore store;

    @BeforeEach
    void open() {
        store = SqliteMemoryStore.openFile(dir.resolve("engram.db"), clock, new Random(3));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static ObjectNode observation() {
        return Wire.Json.MAPPER.createObjectNode().put("sync_id", "obs-1").put("session_id", "s1").put("type", "decision")
                .put("title", "t").put("content", "c").put("project", "demo").put("scope", "project")
                .put("created_at", "2026-11-27T05:00:00.000Z").put("updated_at", "2026-11-27T05:00:00.000Z").put("version", VERSION);
    }

    static ObjectNode session() {
        return Wire.Json.MAPPER.createObjectNode().put("id", "s1").put("project", "demo").put("directory", "/src")
                .put("started_at", "2026-11-27T05:00:00.000Z").put("version", VERSION);
    }

    static ObjectNode prompt() {
        return Wire.Json.MAPPER.createObjectNode().put("sync_id", "prompt-1").put("session_id", "s1").put("content", "p")
                .put("project", "demo").put("created_at", "2026-11-27T05:00:00.000Z").put("version", VERSION);
    }

    static ObjectNode delete() {
        return Wire.Json.MAPPER.createObjectNode().put("sync_id", "obs-1").put("deleted", true)
                .put("deleted_at", "2026-11-27T05:00:00.000Z").put("hard_delete", true).put("version", VERSION);
    }

    private ApplyOutcome apply(String entity, String op, ObjectNode payload) {
        return store.write(c -> SqliteMemoryStore.applyMutation(c, entity, op, payload, clock.instant()));
    }

    private String everything() {
        return store.read(c -> Sql.one(c, "SELECT (SELECT count(*) FROM sessions) || '|' || (SELECT count(*) FROM observations) || '|' "
                + "|| (SELECT count(*) FROM prompts) || '|' || (SELECT count(*) FROM tombstones) || '|' "
                + "|| coalesce((SELECT value FROM meta WHERE key = 'hlc'), '-')", rs -> rs.getString(1)));
    }

    static Stream<Arguments> badPayloads() {
        String far = "+999999999-01-01T00:00:00Z";
        String pre1970 = "1969-12-31T23:59:59.999Z";
        String keyTooLong = "k".repeat(Limits.MAX_KEY_CHARS + 1);
        return Stream.of(
                bad("observation", "upsert", "created_at", observation(), n -> n.put("created_at", far)),
                bad("observation", "upsert", "created_at", observation(), n -> n.put("created_at", NOW.plus(Duration.ofHours(25)).toString())),
                bad("observation", "upsert", "updated_at", observation(), n -> n.put("updated_at", pre1970)),
                bad("observation", "upsert", "deleted_at", observation(), n -> n.put("deleted_at", far)),
                bad("observation", "upsert", "version", observation(), n -> n.put("version", FAR_FUTURE_VERSION)),
                bad("observation", "upsert", "version", observation(), n -> n.put("version", "ffffffffffff.ffff.x")),
                bad("observation", "upsert", "version", observation(), n -> n.put("version", "1000000000000.0000.r-x")),
                bad("observation", "upsert", "version", observation(), n -> n.put("version", "-00000000001.0000.r-x")),
                bad("observation", "upsert", "version", observation(), n -> n.put("version", "019AC3AD9A00.0000.r-x")),
                bad("observation", "upsert", "version", observation(), n -> n.put("version", "019ac3ad9a00.0000.r x")),
                bad("observation", "upsert", "session_id", observation(), n -> n.put("session_id", "s".repeat(300))),
                bad("observation", "upsert", "sync_id", observation(), n -> n.put("sync_id", keyTooLong)),
                bad("observation", "upsert", "topic_key", observation(), n -> n.put("topic_key", keyTooLong)),
                bad("observation", "upsert", "tool_name", observation(), n -> n.put("tool_name", keyTooLong)),
                bad("observation", "upsert", "type", observation(), n -> n.put("type", keyTooLong)),
                bad("observation", "upsert", "project", observation(), n -> n.put("project", keyTooLong)),
                bad("observation", "upsert", "title", observation(), n -> n.put("title", "t".repeat(Limits.MAX_TITLE_CHARS + 1))),
                bad("observation", "upsert", "content", observation(), n -> n.put("content", "c".repeat(Limits.MAX_CONTENT_CHARS + 1))),
                bad("observation", "upsert", "content", observation(), n -> n.put("content", "before\0after")),
                bad("observation", "upsert", "extra", observation(), n -> n.put("extra", "\0")),
                bad("observation", "upsert", "revision_count", observation(), n -> n.put("revision_count", -1)),
                bad("observation", "upsert", "duplicate_count", observation(), n -> n.put("duplicate_count", 1.5)),
                bad("observation", "delete", "deleted_at", delete(), n -> n.put("deleted_at", far)),
                bad("observation", "delete", "version", delete(), n -> n.put("version", "ffffffffffff.ffff.x")),
                bad("session", "upsert", "started_at", session(), n -> n.put("started_at", far)),
                bad("session", "upsert", "ended_at", session(), n -> n.put("ended_at", pre1970)),
                bad("session", "upsert", "id", session(), n -> n.put("id", "s".repeat(300))),
                bad("session", "upsert", "directory", session(), n -> n.put("directory", "/".repeat(Limits.MAX_DIRECTORY_CHARS + 1))),
                bad("session", "upsert", "summary", session(), n -> n.put("summary", "x\0")),
                bad("session", "upsert", "version", session(), n -> n.put("version", FAR_FUTURE_VERSION)),
                bad("prompt", "upsert", "created_at", prompt(), n -> n.put("created_at", far)),
                bad("prompt", "upsert", "session_id", prompt(), n -> n.put("session_id", "s".repeat(300))),
                bad("prompt", "upsert", "content", prompt(), n -> n.put("content", "\0")),
                bad("prompt", "upsert", "version", prompt(), n -> n.put("version", "ffffffffffff.ffff.x")));
    }

    private static Arguments bad(String entity, String op, String field, ObjectNode payload, Consumer<ObjectNode> change) {
        change.accept(payload);
        return Arguments.of(entity, op, field, payload);
    }

    @ParameterizedTest(name = "{0} {1} with a bad {2}")
    @MethodSource("badPayloads")
    void anOutOfRangePayloadIsRefusedNamingTheFieldAndNothingIsWritten(String entity, String op, String field, ObjectNode payload) {
        String before = everything();
        assertThatThrownBy(() -> apply(entity, op, payload))
                .isInstanceOf(BadPayloadException.class)
                .hasMessageStartingWith("payload field " + field + " ");
        assertThat(everything()).isEqualTo(before);
        // and local writes still work
        assertThat(store.save(NewObservation.of("demo", "local", "still works")).observation().id()).isPositive();
    }

    @Test
    void goodPayloadsApplyAndTheOldFourArgumentEntryPointStillWorks() {
        assertThat(apply("session", "upsert", session())).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(apply("prompt", "upsert", prompt())).isEqualTo(ApplyOutcome.APPLIED);
        // Times close to the limits are fine: a peer's clock a little ahead, or the epoch itself.
        ObjectNode o = observation().put("created_at", "1970-01-01T00:00:00.000Z").put("updated_at", NOW.plus(Duration.ofHours(23)).toString());
        ApplyOutcome outcome = store.write(c -> SqliteMemoryStore.applyMutation(c, "observation", "upsert", o));
        assertThat(outcome).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(everything()).startsWith("1|1|1|0|");
    }

    @Test
    void aPulledPrivateSpanIsStoredRedacted() {
        apply("session", "upsert", session().put("summary", "used <private>sk-session</private>").put("ended_at", "2026-11-27T05:30:00.000Z"));
        apply("observation", "upsert", observation().put("title", "key <private>sk-title</private>").put("content", "the key is <private>sk-content"));
        apply("prompt", "upsert", prompt().put("content", "use <private>sk-prompt</private> please"));

        String stored = store.read(c -> Sql.one(c, "SELECT (SELECT summary FROM sessions) || (SELECT title || content FROM observations) "
                + "|| (SELECT content FROM prompts)", rs -> rs.getString(1)));
        assertThat(stored).doesNotContain("sk-").contains(Redaction.MARK);
        Observation o = store.get(1);
        assertThat(o.title()).isEqualTo("key [REDACTED]");
        assertThat(o.content()).isEqualTo("the key is [REDACTED]");
        assertThat(o).isEqualTo(store.search(new SearchQuery("redacted", null, null, null, null)).getFirst().observation());
        assertThat(store.search(new SearchQuery("sk-content", null, null, null, null))).isEmpty();
    }

    @Test
    void observingAVersionNeverStoresABadOne() {
        store.save(NewObservation.of("demo", "t", "c"));
        String clockBefore = hlc();
        for (String bad : new String[] {"ffffffffffff.ffff.x", "1000000000000.0000.r-x", FAR_FUTURE_VERSION, "zzz"}) {
            store.write(c -> {
                SqliteMemoryStore.observeVersion(c, bad, clock.instant());
                return null;
            });
            assertThat(hlc()).as(bad).isEqualTo(clockBefore);
        }
        String nearFuture = String.format("%012x.0000.r-peer", NOW.plus(Duration.ofHours(1)).toEpochMilli());
        store.write(c -> {
            SqliteMemoryStore.observeVersion(c, nearFuture, clock.instant());
            return null;
        });
        assertThat(hlc()).isEqualTo(nearFuture);
    }

    private String hlc() {
        return store.read(c -> Sql.metaGet(c, "hlc"));
    }
}
