package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * One-shot commands as real processes, where {@link Warmup} starts Logback and the SQLite driver on two more
 * threads while the main thread parses. Whatever the interleaving, stdout carries the result only and stderr
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

    private record Result(int code, String out, String err) {
    }

    private Result run(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-cp", System.getProperty("java.class.path"), "dev.engram.app.Main"));
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
