package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 8.5, "sane values only", at the command line: exit 2 naming the argument, nothing stored. */
class InputLimitsCommandsTest {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        return CliRun.of(MemoryCommands.all(), all.toArray(String[]::new));
    }

    private void assertRefused(CliRun r, String argument) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("engram: " + argument + " ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    private String stats() {
        return run("stats", "--json").out();
    }

    @Test
    void saveRefusesEachOutOfRangeValueNamingItsArgument() {
        String key = "k".repeat(257);
        assertRefused(run("save", "t", "c", "--project", "demo", "--session", "s".repeat(300)), "--session");
        assertRefused(run("save", "t", "c", "--project", "demo", "--topic", key), "--topic");
        assertRefused(run("save", "t", "c", "--project", "demo", "--type", "t".repeat(101)), "--type");
        assertRefused(run("save", "t", "c", "--project", key), "--project");
        assertRefused(run("save", "t".repeat(1_001), "c", "--project", "demo"), "title");
        assertRefused(run("save", "a\0b", "c", "--project", "demo"), "title");
        assertRefused(run("save", "t", "c\0", "--project", "demo"), "content");
        assertRefused(run("save", "t", "c", "--project", "demo", "--session", "s\0"), "--session");

        assertThat(run("save", "t", "c", "--project", "demo", "--session", "s".repeat(300)).err()).contains("at most 256");
        assertThat(stats()).contains("\"observations\" : 0").contains("\"sessions\" : 0");
    }

    @Test
    void importWithAnAbsurdTimeIsRefusedNamingTheRecordAndImportsNothing() throws Exception {
        Path file = dir.resolve("absurd.json");
        Files.writeString(file, """
                {"format":"engram-export","format_version":1,
                 "sessions":[{"id":"s1","project":"demo","directory":"","started_at":"2026-11-27T06:00:00.000Z","version":"000000000001.0000.r-x"}],
                 "observations":[{"sync_id":"obs-far","session_id":"s1","title":"t","content":"c","project":"demo",
                                  "created_at":"+999999999-01-01T00:00:00Z","version":"000000000001.0001.r-x"}]}
                """);
        CliRun r = run("import", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("absurd.json").contains("obs-far").contains("created_at").doesNotContain("Exception");
        assertThat(stats()).contains("\"observations\" : 0").contains("\"sessions\" : 0");
    }
}
