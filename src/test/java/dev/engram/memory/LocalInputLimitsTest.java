package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import dev.engram.base.Limits;
import dev.engram.testing.MutableClock;
import java.nio.file.Path;
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

/** Contract 8.5, "sane values only", on every local write path: refused naming the field, nothing written. */
class LocalInputLimitsTest {
    private static final String KEY_TOO_LONG = "k".repeat(Limits.MAX_KEY_CHARS + 1);
    private static final String NUL = "a\0b";

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at("2026-11-27T06:00:00.000Z");
    SqliteMemoryStore store;
    long observationId;

    @BeforeEach
    void open() {
        store = SqliteMemoryStore.openFile(dir.resolve("engram.db"), clock, new Random(7));
        store.enroll("demo"); // so that a write that slipped through would also leave a journal row
        store.startSession("s1", "demo", "/src");
        observationId = store.save(NewObservation.of("demo", "title", "content")).observation().id();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Every row of every table a write touches, and the version clock. */
    private String everything() {
        return store.read(c -> Sql.one(c, "SELECT "
                + "(SELECT group_concat(id || '|' || project || '|' || directory || '|' || coalesce(ended_at, '') || '|' "
                + "    || coalesce(summary, '') || '|' || version, ';') FROM sessions), "
                + "(SELECT group_concat(sync_id || '|' || title || '|' || content || '|' || type || '|' || coalesce(topic_key, '') "
                + "    || '|' || revision_count || '|' || version, ';') FROM observations), "
                + "(SELECT count(*) FROM prompts), (SELECT count(*) FROM journal), (SELECT value FROM meta WHERE key = 'hlc')",
                rs -> rs.getString(1) + "\n" + rs.getString(2) + "\n" + rs.getString(3) + "\n" + rs.getString(4) + "\n" + rs.getString(5)));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                // save
                refusal("save", "session_id", s -> s.save(new NewObservation(KEY_TOO_LONG, null, "t", "c", null, "demo", null, null))),
                refusal("save", "session_id", s -> s.save(new NewObservation(NUL, null, "t", "c", null, "demo", null, null))),
                refusal("save", "topic_key", s -> s.save(new NewObservation(null, null, "t", "c", null, "demo", null, KEY_TOO_LONG))),
                refusal("save", "topic_key", s -> s.save(new NewObservation(null, null, "t", "c", null, "demo", null, NUL))),
                refusal("save", "type", s -> s.save(new NewObservation(null, "t".repeat(Inputs.MAX_TYPE_CHARS + 1), "t", "c", null, "demo", null, null))),
                refusal("save", "type", s -> s.save(new NewObservation(null, NUL, "t", "c", null, "demo", null, null))),
                refusal("save", "tool_name", s -> s.save(new NewObservation(null, null, "t", "c", "t".repeat(Inputs.MAX_TOOL_NAME_CHARS + 1), "demo", null, null))),
                refusal("save", "tool_name", s -> s.save(new NewObservation(null, null, "t", "c", NUL, "demo", null, null))),
                refusal("save", "project", s -> s.save(NewObservation.of(KEY_TOO_LONG, "t", "c"))),
                refusal("save", "project", s -> s.save(NewObservation.of(NUL, "t", "c"))),
                refusal("save", "title", s -> s.save(NewObservation.of("demo", "t".repeat(Limits.MAX_TITLE_CHARS + 1), "c"))),
                refusal("save", "title", s -> s.save(NewObservation.of("demo", NUL, "c"))),
                refusal("save", "content", s -> s.save(NewObservation.of("demo", "t", "c".repeat(Limits.MAX_CONTENT_CHARS + 1)))),
                refusal("save", "content", s -> s.save(NewObservation.of("demo", "t", NUL))),
                // update
                refusal("update", "title", s -> s.update(1, new ObservationUpdate("t".repeat(Limits.MAX_TITLE_CHARS + 1), null, null, null, null))),
                refusal("update", "title", s -> s.update(1, new ObservationUpdate(NUL, null, null, null, null))),
                refusal("update", "content", s -> s.update(1, new ObservationUpdate(null, "c".repeat(Limits.MAX_CONTENT_CHARS + 1), null, null, null))),
                refusal("update", "content", s -> s.update(1, new ObservationUpdate(null, NUL, null, null, null))),
                refusal("update", "type", s -> s.update(1, new ObservationUpdate(null, null, "t".repeat(Inputs.MAX_TYPE_CHARS + 1), null, null))),
                refusal("update", "type", s -> s.update(1, new ObservationUpdate(null, null, NUL, null, null))),
                refusal("update", "topic_key", s -> s.update(1, new ObservationUpdate(null, null, null, null, KEY_TOO_LONG))),
                refusal("update", "topic_key", s -> s.update(1, new ObservationUpdate(null, null, null, null, NUL))),
                // startSession
                refusal("startSession", "id", s -> s.startSession(KEY_TOO_LONG, "demo", "/src")),
                refusal("startSession", "id", s -> s.startSession(NUL, "demo", "/src")),
                refusal("startSession", "project", s -> s.startSession("s2", KEY_TOO_LONG, "/src")),
                refusal("startSession", "project", s -> s.startSession("s2", NUL, "/src")),
                refusal("startSession", "directory", s -> s.startSession("s2", "demo", "/".repeat(Limits.MAX_DIRECTORY_CHARS + 1))),
                refusal("startSession", "directory", s -> s.startSession("s2", "demo", "/sr\0c")),
                refusal("startSession", "directory", s -> s.startSession("s2", "demo", "/src\0")),
                refusal("startSession", "project", s -> s.startSession("s2", "demo\0", "/src")),
                // endSession
                refusal("endSession", "id", s -> s.endSession(KEY_TOO_LONG, "done")),
                refusal("endSession", "id", s -> s.endSession("s\0" + "1", "done")),
                refusal("endSession", "summary", s -> s.endSession("s1", "s".repeat(Limits.MAX_CONTENT_CHARS + 1))),
                refusal("endSession", "summary", s -> s.endSession("s1", NUL)),
                // savePrompt
                refusal("savePrompt", "session_id", s -> s.savePrompt(KEY_TOO_LONG, "p", "demo")),
                refusal("savePrompt", "session_id", s -> s.savePrompt(NUL, "p", "demo")),
                refusal("savePrompt", "content", s -> s.savePrompt("s1", "p".repeat(Limits.MAX_CONTENT_CHARS + 1), "demo")),
                refusal("savePrompt", "content", s -> s.savePrompt("s1", NUL, "demo")),
                refusal("savePrompt", "project", s -> s.savePrompt("s1", "p", KEY_TOO_LONG)),
                refusal("savePrompt", "project", s -> s.savePrompt("s1", "p", NUL)));
    }

    private static Arguments refusal(String path, String field, Consumer<SqliteMemoryStore> write) {
        return Arguments.of(path, field, write);
    }

    @ParameterizedTest(name = "{0} refuses a bad {1}")
    @MethodSource("refusals")
    void anOutOfRangeValueIsRefusedNamingTheFieldAndNothingIsWritten(String path, String field, Consumer<SqliteMemoryStore> write) {
        assertThat(observationId).isEqualTo(1); // the cases update observation 1
        String before = everything();

        assertThatThrownBy(() -> write.accept(store))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith(field + " ")
                .message().satisfiesAnyOf(m -> assertThat(m).contains("at most"), m -> assertThat(m).contains("NUL"));
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void valuesAtTheLimitAreAccepted() {
        String key = "k".repeat(Limits.MAX_KEY_CHARS);
        Observation o = store.save(new NewObservation(key, "t".repeat(Inputs.MAX_TYPE_CHARS), "t".repeat(Limits.MAX_TITLE_CHARS), "c",
                "t".repeat(Inputs.MAX_TOOL_NAME_CHARS), key, null, key)).observation();
        assertThat(o.topicKey()).hasSize(Limits.MAX_KEY_CHARS);
        assertThat(o.sessionId()).hasSize(Limits.MAX_KEY_CHARS);
        assertThat(store.startSession("s2", "demo", "/".repeat(Limits.MAX_DIRECTORY_CHARS)).directory()).hasSize(Limits.MAX_DIRECTORY_CHARS);
        assertThat(store.savePrompt(key, "p", "demo").sessionId()).isEqualTo(key);
    }

    @Test
    void aProjectTooLongForItsManualSessionNeedsASessionId() {
        String project = "p".repeat(Limits.MAX_KEY_CHARS - Inputs.MANUAL_SESSION_PREFIX.length() + 1);
        String before = everything();
        assertThatThrownBy(() -> store.save(NewObservation.of(project, "t", "c")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("project"))
                .hasMessageContaining("manual-<project>");
        assertThatThrownBy(() -> store.savePrompt(null, "p", project))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("project"));
        assertThat(everything()).isEqualTo(before);

        assertThat(store.save(new NewObservation("s1", null, "t", "c", null, project, null, null)).observation().project()).isEqualTo(project);
    }

    @Test
    void anEmptyTopicKeyStillClearsIt() {
        Observation keyed = store.save(new NewObservation(null, null, "t", "keyed", null, "demo", null, "a/b")).observation();
        assertThat(store.update(keyed.id(), new ObservationUpdate(null, null, null, null, " ")).topicKey()).isNull();
    }

    @Test
    void aPrivateSpanIsRedactedInTheTitleOnUpdateToo() {
        Observation updated = store.update(observationId, new ObservationUpdate("key <private>sk-1</private>", "and <private>sk-2", null, null, null));
        assertThat(updated.title()).isEqualTo("key [REDACTED]");
        assertThat(updated.content()).isEqualTo("and [REDACTED]");
        String journal = store.read(c -> Sql.one(c, "SELECT group_concat(payload) FROM journal", rs -> rs.getString(1)));
        assertThat(journal).doesNotContain("sk-1").doesNotContain("sk-2");
    }
}
