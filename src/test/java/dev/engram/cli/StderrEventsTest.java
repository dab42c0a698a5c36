package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.autosync.CycleReport;
import dev.engram.autosync.SyncStatus;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.SyncProgress;
import dev.engram.sync.SyncRequest;
import dev.engram.sync.SyncStage;
import dev.engram.transport.Failure;
import dev.engram.transport.ReasonCode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With --log-format json or logfmt, every line on stderr is a log event, the commands' own notices and errors included. */
class StderrEventsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** What one in-process run wrote: its exit code and every stderr line (the command line's writer and System.err). */
    private record Run(int exitCode, String out, List<String> stderr) {
        List<JsonNode> events() {
            return stderr.stream().map(line -> {
                JsonNode event = JSON.readTree(line);
                assertThat(event.isObject()).as(line).isTrue();
                assertThat(event.properties()).extracting(java.util.Map.Entry::getKey).as(line)
                        .startsWith("time", "level", "msg", "component");
                return event;
            }).toList();
        }

        JsonNode event(String msg) {
            return events().stream().filter(e -> e.get("msg").stringValue().equals(msg)).findFirst().orElseThrow();
        }
    }

    private Run run(String... args) {
        // the cloud client commands sit beside the memory commands here, so 'projects' means 'engram cloud projects'
        List<Object> commands = new ArrayList<>(MemoryCommands.all().stream().filter(c -> !(c instanceof LocalProjectsCommand)).toList());
        commands.addAll(MemoryCommands.cloudClient());
        return run(commands, args);
    }

    private Run run(List<Object> commands, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.toString()));
        all.addAll(List.of(args));
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CliRun r;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            r = CliRun.of(commands, all.toArray(String[]::new));
        } finally {
            System.setErr(saved);
        }
        List<String> stderr = Stream.concat(r.err().lines(), captured.toString(StandardCharsets.UTF_8).lines()).toList();
        return new Run(r.exitCode(), r.out(), stderr);
    }

    @Test
    void aSaveNoticeIsAJsonEventOfTheCliComponent() {
        run("--log-format", "json", "save", "Use WAL", "readers never block writers", "--project", "demo", "--topic", "db/wal");
        Run r = run("--log-format", "json", "save", "Use WAL", "readers and writers", "--project", "demo", "--topic", "db/wal");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo("1");
        assertThat(r.stderr()).isNotEmpty();
        JsonNode revised = r.event("observation revised");
        assertThat(revised.get("component").stringValue()).isEqualTo("cli");
        assertThat(revised.get("level").stringValue()).isEqualTo("INFO");
        assertThat(revised.get("id").asLong()).isEqualTo(1);
        assertThat(revised.get("revision_count").asInt()).isEqualTo(2);
        assertThat(r.stderr()).noneMatch(line -> line.contains("readers") || line.contains("db/wal")); // no content in logs
    }

    @Test
    void aUsageErrorIsAJsonEventAndExitsTwo() {
        Run blank = run("--log-format", "json", "save", " ", "content", "--project", "demo");
        assertThat(blank.exitCode()).isEqualTo(Cli.USAGE);
        JsonNode event = blank.event("usage error");
        assertThat(event.get("level").stringValue()).isEqualTo("ERROR");
        assertThat(event.get("field").stringValue()).isEqualTo("title");
        assertThat(event.get("exit_code").asInt()).isEqualTo(2);

        Run unknownOption = run("--log-format", "json", "save", "--bogus", "t", "c");
        assertThat(unknownOption.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(unknownOption.event("usage error").get("error").stringValue()).contains("--bogus");

        Run badLevel = run("--log-format", "json", "--log-level", "loud", "stats");
        assertThat(badLevel.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(badLevel.event("usage error").get("field").stringValue()).isEqualTo("--log-level");
    }

    @Test
    void aFailureIsAJsonEventAndExitsOne() {
        Run r = run("--log-format", "json", "get", "42");

        assertThat(r.exitCode()).isEqualTo(Cli.FAILED);
        JsonNode event = r.event("command failed");
        assertThat(event.get("error").stringValue()).contains("42").contains("not found");
        assertThat(event.get("exit_code").asInt()).isEqualTo(1);
    }

    @Test
    void otherNoticesAndAMissingSubcommandAreEventsToo() {
        Run search = run("--log-format", "json", "search", "nothing-here");
        assertThat(search.event("no match")).isNotNull();
        assertThat(search.stderr()).noneMatch(line -> line.contains("nothing-here")); // no query text in logs
        assertThat(run("--log-format", "json", "projects").event("no project enrolled")).isNotNull();
        Run unenroll = run("--log-format", "json", "unenroll", "ghost");
        assertThat(unenroll.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(unenroll.event("project not enrolled").get("project").stringValue()).isEqualTo("ghost");
        assertThat(run("--log-format", "json").event("subcommand required").get("command").stringValue()).isEqualTo("engram");
    }

    @Test
    void logfmtLinesAreEventsOfTheCliComponent() {
        Run r = run("--log-format", "logfmt", "get", "42");

        assertThat(r.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(r.stderr()).isNotEmpty().allSatisfy(line -> assertThat(line)
                .startsWith("time=").contains(" level=ERROR ").contains(" msg=\"command failed\"").contains(" component=cli"));
    }

    @Test
    void textFormatKeepsTheSentencesForPeople() {
        run("save", "Use WAL", "readers never block writers", "--project", "demo", "--topic", "db/wal");
        Run r = run("save", "Use WAL", "readers and writers", "--project", "demo", "--topic", "db/wal");

        assertThat(r.stderr()).containsExactly("engram: revised observation 1 (topic db/wal, revision 2)");
        assertThat(run("get", "42").stderr()).containsExactly("engram: observation 42 not found");
    }

    /** A replication whose pass reports a long pull, then fails as an unreachable server does. */
    private static final class UnreachableCloud implements Replication {
        @Override
        public CycleReport syncOnce(Path dataDir, SqliteMemoryStore store, SyncRequest request, SyncProgress progress) {
            progress.update(SyncStage.PULL, 2_000, 10_000);
            progress.update(SyncStage.PULL, 10_000, 10_000);
            return new CycleReport("c-1", null, new Failure(ReasonCode.TRANSPORT_FAILED, Failure.Disposition.RETRY,
                    Failure.Scope.SERVER, "connection refused"));
        }

        @Override
        public AutoCloseable startAutosync(Path dataDir, SqliteMemoryStore store, MeterRegistry metrics) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SyncStatus status(Path dataDir, SqliteMemoryStore store) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aFailedSyncIsOneJsonEventWithoutAProgressBar() {
        Run r = run(List.of(MemoryCommands.sync(new UnreachableCloud())), "--log-format", "json", "sync");

        assertThat(r.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(r.events()).hasSize(1);
        JsonNode failed = r.event("sync failed");
        assertThat(failed.get("reason_code").stringValue()).isEqualTo("transport_failed");
        assertThat(failed.get("error").stringValue()).isEqualTo("connection refused");
    }

    @Test
    void aFailedSyncInTextFormatSaysWhyInSentences() {
        Run r = run(List.of(MemoryCommands.sync(new UnreachableCloud())), "sync");

        assertThat(r.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(r.stderr()).contains("engram: sync failed (transport_failed): " + ReasonCode.TRANSPORT_FAILED.advice(),
                "engram: connection refused");
    }

    @Test
    void noProgressBarIsDrawnWhenStderrCarriesEvents() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (ProgressOnStderr progress = new ProgressOnStderr(new PrintWriter(err, true), false)) {
            progress.update(SyncStage.PULL, 5_000, 10_000);
            progress.update(SyncStage.PULL, 10_000, 10_000);
        } finally {
            System.setErr(saved);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString()).isEmpty();
    }
}
