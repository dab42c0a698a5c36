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
}
