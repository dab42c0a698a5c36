package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MemoryCommandsTest {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        return CliRun.of(MemoryCommands.all(), all.toArray(String[]::new));
    }

    @Test
    void saveThenSearchWorksAsANewUserExpects() {
        CliRun save = run("save", "Use WAL", "Readers never block writers", "--project", "demo");
        assertThat(save.exitCode()).isZero();
        assertThat(save.out().strip()).isEqualTo("1");

        CliRun search = run("search", "wal");
        assertThat(search.exitCode()).isZero();
        assertThat(search.out()).contains("#1").contains("Use WAL").contains("demo").contains("Readers never block writers");
        assertThat(search.err()).isEmpty();
    }

    @Test
    void jsonOutputsCarryTheWireNames() {
        run("save", "Use WAL", "Readers never block writers", "--project", "demo", "--type", "decision", "--topic", "db/wal");
        JsonNode saved = JsonMapper.builder().build().readTree(run("get", "1", "--json").out());
        assertThat(saved.get("sync_id").stringValue()).startsWith("obs-");
        assertThat(saved.get("topic_key").stringValue()).isEqualTo("db/wal");
        assertThat(saved.get("created_at").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        JsonNode results = JsonMapper.builder().build().readTree(run("search", "readers", "--json").out());
        assertThat(results.get("results")).hasSize(1);
        JsonNode stats = JsonMapper.builder().build().readTree(run("stats", "--json").out());
        assertThat(stats.get("observations").intValue()).isEqualTo(1);
    }

    @Test
    void anyTextIsAValidQuery() {
        run("save", "Use WAL", "Readers never block writers", "--project", "demo");
        for (String q : List.of("-x:*", "\"unbalanced", "NEAR(", "AND", "a OR", "*")) {
            CliRun r = run("search", q);
            assertThat(r.exitCode()).as(q).isZero();
            assertThat(r.err()).as(q).doesNotContain("Exception").doesNotContain("syntax");
        }
    }

    @Test
    void blankTitleIsAUsageErrorNamingTheField() {
        CliRun r = run("save", " ", "content", "--project", "demo");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("title must not be blank").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run("stats", "--json").out()).contains("\"observations\" : 0");
    }

    @Test
    void unknownIdFailsWithExitOne() {
        CliRun r = run("get", "42");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("engram: observation 42 not found");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(run("get", "forty-two").exitCode()).isEqualTo(2);
        assertThat(run("search", "x", "--limit", "1000").err()).contains("limit");
        assertThat(run("search", "x", "--limit", "1000").exitCode()).isEqualTo(2);
        assertThat(run("--log-format", "xml", "stats").exitCode()).isEqualTo(2);
        assertThat(run("--log-level", "loud", "stats").err()).contains("--log-level");
        assertThat(run("frobnicate").exitCode()).isEqualTo(2);
    }

    @Test
    void deleteHidesAndHardDeleteRemoves() {
        run("save", "Temporary", "soon gone", "--project", "demo");
        assertThat(run("delete", "1").out()).contains("Deleted observation 1");
        assertThat(run("search", "temporary").out()).isEmpty();
        assertThat(run("delete", "1", "--hard").exitCode()).isZero();
        assertThat(run("get", "1").exitCode()).isEqualTo(1);
    }

    @Test
    void exportAndImportRoundTripThroughFiles() throws Exception {
        run("save", "Use WAL", "Readers never block writers", "--project", "demo");
        Path file = dir.resolve("backup.json");
        assertThat(run("export", file.toString()).exitCode()).isZero();

        List<String> other = List.of("--data-dir", dir.resolve("other").toString());
        List<String> args = new ArrayList<>(other);
        args.addAll(List.of("import", file.toString()));
        CliRun imported = CliRun.of(MemoryCommands.all(), args.toArray(String[]::new));
        assertThat(imported.exitCode()).isZero();
        assertThat(imported.out()).contains("Imported 2 records");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(file).substring(0, 40));
        CliRun bad = run("import", broken.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("broken.json").contains("line");
    }

    @Test
    void aLogConfigFileReplacesTheBuiltInConfiguration() throws Exception {
        Path log = dir.resolve("engram.log");
        Path config = dir.resolve("logback.xml");
        Files.writeString(config, """
                <configuration>
                  <appender name="file" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder class="dev.engram.logging.JsonEventEncoder"/>
                  </appender>
                  <logger name="engram" level="DEBUG"/>
                  <root level="WARN"><appender-ref ref="file"/></root>
                </configuration>
                """.formatted(log));
        assertThat(run("--log-config", config.toString(), "stats").exitCode()).isZero();
        // opening a new database migrates it, which the store logs at INFO
        assertThat(Files.readString(log)).contains("\"msg\":\"schema migrated\"").contains("\"component\":\"store\"");

        Files.writeString(config, "<configuration><oops");
        CliRun bad = run("--log-config", config.toString(), "stats");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--log-config");
        assertThat(run("--log-config", dir.resolve("missing.xml").toString(), "stats").exitCode()).isEqualTo(2);
    }

    @Test
    void contextAndTimelineAndStatsPrintForPeople() {
        run("save", "First", "one", "--project", "demo", "--session", "s1");
        run("save", "Second", "two", "--project", "demo", "--session", "s1");
        assertThat(run("context", "demo").out()).contains("Sessions of demo").contains("First").contains("Second");
        assertThat(run("timeline", "2").out()).contains("> #2").contains("#1");
        assertThat(run("stats").out()).contains("observations  2");
    }
}
