package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * One-shot commands as real processes, where {@link Warmup} starts SLF4J and the SQLite driver on two more
 * threads while the main thread parses, and Logback starts only if something logs. Whatever the interleaving, stdout carries the result only and stderr
 * only our own lines: no SLF4J replay warning (what a logger asked for during SLF4J's start would print), no
 * stack trace. Several runs per case: an interleaving is a matter of luck.
 */
class StartupProcessTest {
    private static final int RUNS = 4;

    @TempDir
    Path dir;

    @BeforeEach
    void seed() {
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dir.resolve("data"))) {
            store.save(new NewObservation(null, "decision", "Use WAL", "Readers never block writers", "test", "demo", null, null));
        }
    }

    @Test
    void searchAtDebugLevelPrintsItsResultAndOnlyOurOwnLogLines() throws Exception {
        for (int i = 0; i < RUNS; i++) {
            Result r = run(null, "--data-dir", dir.resolve("data").toString(), "--log-level", "debug", "search", "wal");
            assertThat(r.code).as("exit code; stderr: %s", r.err).isZero();
            assertThat(r.out).contains("Use WAL");
            assertThat(r.err).doesNotContain("SLF4J").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void withJsonLogsEveryStderrLineIsAnEventEvenWhenTheCommandLineIsWrong() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        for (int i = 0; i < RUNS; i++) {
            Result ok = run(null, "--data-dir", dir.resolve("data").toString(), "--log-format", "json", "--log-level", "debug", "search", "nothing-here");
            Result bad = run(null, "--data-dir", dir.resolve("data").toString(), "--log-format", "json", "search", "wal", "--limit", "many");
            assertThat(ok.code).isZero();
            assertThat(bad.code).isEqualTo(2);
            for (Result r : List.of(ok, bad)) {
                assertThat(r.err).isNotBlank();
                for (String line : r.err.split("\n")) {
                    assertThat(json.readTree(line).isObject()).as("a JSON event: %s", line).isTrue();
                }
            }
        }
    }

    @Test
    void hookSessionStartPrintsTheContextAndNothingOnStderr() throws Exception {
        Path demo = Files.createDirectories(dir.resolve("demo"));
        for (int i = 0; i < RUNS; i++) {
            String input = "{\"session_id\":\"s-" + i + "\",\"cwd\":\"" + demo.toString().replace("\\", "\\\\") + "\"}";
            Result r = run(input, "--data-dir", dir.resolve("data").toString(), "hook", "session-start");
            assertThat(r.code).isZero();
            assertThat(r.out).contains("\"additionalContext\":\"Memory of project demo").contains("Use WAL");
            assertThat(r.err).isEmpty();
        }
    }

    @Test
    void aHealthySearchOrHookNeverStartsLogbackNorPicoclisDefaultFactoryYetAWarningStillReachesStderr() throws Exception {
        Path demo = Files.createDirectories(dir.resolve("demo"));
        Path initialised = dir.resolve("class-init.log");
        String trace = "-Xlog:class+init=info:file=" + initialised;
        Result search = run(null, List.of(trace), "--data-dir", dir.resolve("data").toString(), "search", "wal");
        assertThat(search.out).contains("Use WAL");
        // Nor picocli's default factory, whose search for Groovy opens every jar on the class path.
        assertThat(Files.readString(initialised)).contains("dev/engram/cli/SearchCommand").doesNotContain("ch/qos/logback/classic/LoggerContext")
                .doesNotContain("picocli/CommandLine$DefaultFactory");
        Result hook = run("{\"session_id\":\"s\",\"cwd\":\"" + demo.toString().replace("\\", "\\\\") + "\"}", List.of(trace),
                "--data-dir", dir.resolve("data").toString(), "hook", "session-start");
        assertThat(hook.out).contains("Use WAL");
        assertThat(Files.readString(initialised)).contains("dev/engram/cli/HookWork").doesNotContain("ch/qos/logback/classic/LoggerContext")
                .doesNotContain("picocli/CommandLine$DefaultFactory");

        // A one-shot command that meets a problem worth a WARN (a stored version clock that is garbage) starts
        // Logback then, and the event is printed in the default text format and in the one asked for.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/engram.db"))) {
            c.createStatement().executeUpdate("UPDATE meta SET value = 'garbage' WHERE key = 'hlc'");
        }
        Result save = run(null, "--data-dir", dir.resolve("data").toString(), "save", "Second", "A write after the repair", "--project", "demo");
        assertThat(save.code).isZero();
        assertThat(save.err).contains("WARN").contains("store: the stored version clock was unusable");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/engram.db"))) {
            c.createStatement().executeUpdate("UPDATE meta SET value = 'garbage' WHERE key = 'hlc'");
        }
        Result json = run(null, "--data-dir", dir.resolve("data").toString(), "--log-format", "json", "save", "Third", "Another", "--project", "demo");
        assertThat(json.code).isZero();
        assertThat(JsonMapper.builder().build().readTree(json.err.strip()).path("msg").asString())
                .isEqualTo("the stored version clock was unusable; restarting it from the wall clock");
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(String stdin, String... args) throws Exception {
        return run(stdin, List.of(), args);
    }

    private Result run(String stdin, List<String> jvmOptions, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:disable", "-Xlog:all=warning:stderr"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.engram.app.Main"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command ended").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
