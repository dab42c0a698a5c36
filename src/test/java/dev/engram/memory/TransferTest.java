package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import dev.engram.testing.MutableClock;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferTest {
    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at("2026-11-27T06:00:00.000Z");

    private SqliteMemoryStore store(String name) {
        return SqliteMemoryStore.openFile(dir.resolve(name), clock, new Random(name.hashCode()));
    }

    private static String export(SqliteMemoryStore s) {
        StringWriter w = new StringWriter();
        Transfer.export(s, w);
        return w.toString();
    }

    @Test
    void exportThenImportRoundTripsLosslessly() {
        try (SqliteMemoryStore a = store("a.db"); SqliteMemoryStore b = store("b.db")) {
            a.startSession("s1", "demo", "/src");
            a.save(new NewObservation("s1", "decision", "Use WAL", "Readers never block", "edit", "demo", "personal", "db/wal"));
            a.save(new NewObservation("s1", "decision", "Use WAL", "Readers never block writers", "edit", "demo", "personal", "db/wal"));
            a.save(NewObservation.of("demo", "dup", "same"));
            a.save(NewObservation.of("demo", "dup", "same"));
            Observation gone = a.save(NewObservation.of("demo", "gone", "soon")).observation();
            a.delete(gone.id(), true);
            Observation soft = a.save(NewObservation.of("demo", "soft", "deleted")).observation();
            a.delete(soft.id(), false);
            a.savePrompt("s1", "a prompt", "demo");
            a.endSession("s1", "summary");

            String exported = export(a);
            ImportResult first = Transfer.importFrom(b, new StringReader(exported), "x.json");
            assertThat(first.applied()).isEqualTo(7); // 2 sessions, 3 observations, 1 prompt, 1 tombstone
            assertThat(Transfer.importFrom(b, new StringReader(exported), "x.json").applied()).isZero();

            assertThat(export(b).replaceAll("\"(exported_at|replica_id)\":\"[^\"]*\"", ""))
                    .isEqualTo(exported.replaceAll("\"(exported_at|replica_id)\":\"[^\"]*\"", ""));
        }
    }

    @Test
    void malformedJsonImportsNothingAndSaysWhereItBroke() {
        try (SqliteMemoryStore a = store("a.db"); SqliteMemoryStore b = store("b.db")) {
            a.save(NewObservation.of("demo", "t", "c"));
            String exported = export(a);
            String truncated = exported.substring(0, exported.length() - 20);
            assertThatThrownBy(() -> Transfer.importFrom(b, new StringReader(truncated), "cut.json"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("cut.json").hasMessageContaining("line");
            assertThat(b.stats().observations()).isZero();
            assertThat(b.stats().sessions()).isZero();
        }
    }

    @Test
    void anInvalidRecordImportsNothingAndIsNamed() {
        try (SqliteMemoryStore b = store("b.db")) {
            String doc = """
                    {"format":"engram-export","format_version":1,
                     "sessions":[{"id":"s1","project":"demo","directory":"","started_at":"2026-11-27T06:00:00.000Z","version":"000000000001.0000.r-x"}],
                     "observations":[{"sync_id":"obs-1","session_id":"s1","title":"ok","content":"c","project":"demo","created_at":"2026-11-27T06:00:00.000Z","version":"000000000001.0000.r-x"},
                                     {"sync_id":"obs-2","session_id":"s1","content":"no title","project":"demo","created_at":"2026-11-27T06:00:00.000Z","version":"000000000001.0001.r-x"}]}
                    """;
            assertThatThrownBy(() -> Transfer.importFrom(b, new StringReader(doc), "bad.json"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("obs-2").hasMessageContaining("title");
            assertThat(b.stats().observations()).isZero();
            assertThat(b.stats().sessions()).isZero();
        }
    }

    @Test
    void aFileThatIsNotAnExportIsRefused() {
        try (SqliteMemoryStore b = store("b.db")) {
            assertThatThrownBy(() -> Transfer.importFrom(b, new StringReader("{\"hello\":1}"), "other.json"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("not an Engram export");
        }
    }

    @Test
    void anImportedPrivateSpanIsStoredAndJournaledRedacted() {
        try (SqliteMemoryStore b = store("b.db")) {
            b.enroll("demo");
            String doc = """
                    {"format":"engram-export","format_version":1,
                     "sessions":[{"id":"s1","project":"demo","directory":"","started_at":"2026-11-27T05:00:00.000Z",
                                  "ended_at":"2026-11-27T05:30:00.000Z","summary":"done <private>sk-summary</private>","version":"000000000001.0000.r-x"}],
                     "observations":[{"sync_id":"obs-1","session_id":"s1","title":"key <private>sk-title</private>","content":"it is <private>sk-content</private>",
                                      "project":"demo","created_at":"2026-11-27T05:00:00.000Z","version":"000000000001.0001.r-x"}],
                     "prompts":[{"sync_id":"prompt-1","session_id":"s1","content":"use <private>sk-prompt","project":"demo",
                                 "created_at":"2026-11-27T05:00:00.000Z","version":"000000000001.0002.r-x"}]}
                    """;
            assertThat(Transfer.importFrom(b, new StringReader(doc), "secret.json").applied()).isEqualTo(3);

            assertThat(export(b)).doesNotContain("sk-").contains("[REDACTED]");
            String journal = b.read(c -> Sql.one(c, "SELECT group_concat(payload, '\n') FROM journal", rs -> rs.getString(1)));
            assertThat(journal).doesNotContain("sk-").contains("key [REDACTED]").contains("it is [REDACTED]")
                    .contains("done [REDACTED]").contains("use [REDACTED]");
            assertThat(b.pendingCount()).isEqualTo(3);
        }
    }

    @Test
    void anImportWithAnAbsurdTimeOrVersionImportsNothingAndNamesTheRecord() {
        for (String[] bad : new String[][] {
                {"created_at", "\"created_at\":\"+999999999-01-01T00:00:00Z\",\"version\":\"000000000001.0001.r-x\""},
                {"created_at", "\"created_at\":\"1969-07-20T20:17:40.000Z\",\"version\":\"000000000001.0001.r-x\""},
                {"version", "\"created_at\":\"2026-11-27T06:00:00.000Z\",\"version\":\"ffffffffffff.ffff.x\""},
                {"session_id", "\"created_at\":\"2026-11-27T06:00:00.000Z\",\"version\":\"000000000001.0001.r-x\",\"session_id\":\"" + "s".repeat(300) + "\""}}) {
            try (SqliteMemoryStore b = store("absurd-" + bad[0] + bad[1].length() + ".db")) {
                String doc = """
                        {"format":"engram-export","format_version":1,
                         "sessions":[{"id":"s1","project":"demo","directory":"","started_at":"2026-11-27T06:00:00.000Z","version":"000000000001.0000.r-x"}],
                         "observations":[{"sync_id":"obs-1","session_id":"s1","title":"ok","content":"c","project":"demo","created_at":"2026-11-27T06:00:00.000Z","version":"000000000001.0000.r-x"},
                                         {"sync_id":"obs-2","session_id":"s1","title":"t","content":"c","project":"demo",%s}]}
                        """.formatted(bad[1]);
                assertThatThrownBy(() -> Transfer.importFrom(b, new StringReader(doc), "absurd.json"))
                        .as(bad[0]).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("absurd.json").hasMessageContaining("obs-2").hasMessageContaining(bad[0]);
                assertThat(b.stats().observations()).isZero();
                assertThat(b.stats().sessions()).isZero();
                // and the store still saves
                assertThat(b.save(NewObservation.of("demo", "t", "c")).observation().id()).isPositive();
            }
        }
    }
}
