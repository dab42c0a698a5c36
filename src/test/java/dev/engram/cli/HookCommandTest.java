package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.Observation;
import dev.engram.memory.SqliteMemoryStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code engram hook}: the agent's hook JSON on stdin, what the agent sees on stdout, and never a failure. */
class HookCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve("data");
    }

    private CliRun hook(InputStream stdin, Map<String, String> env, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--data-dir";
        all[1] = data().toString();
        all[2] = "hook";
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(List.of(new HookCommand(() -> stdin, env)), all);
    }

    private CliRun hook(String stdin, String... args) {
        return hook(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Map.of(), args);
    }

    /** A project directory whose .engram/config.json names {@code demo}. */
    private Path projectDir() throws IOException {
        Path p = Files.createDirectories(dir.resolve("work/app/.engram"));
        Files.writeString(p.resolve("config.json"), "{\"project\":\"demo\"}");
        return p.getParent();
    }

    private static String claudeInput(String event, String sessionId, Path cwd) {
        return """
                {"session_id":"%s","transcript_path":"/home/u/.claude/projects/x/%s.jsonl","cwd":"%s",
                 "hook_event_name":"%s","source":"startup","trigger":"auto","permission_mode":"default","extra":{"nested":[1,2]}}
                """.formatted(sessionId, sessionId, cwd.toString().replace("\\", "\\\\"), event);
    }

    private void seed() {
        try (SqliteMemoryStore store = SqliteMemoryStore.open(data())) {
            store.save(NewObservation.of("demo", "Use WAL mode", "readers never block writers"));
            store.save(new NewObservation(null, "bugfix", "Set busy_timeout", "on every connection", null, "demo", null, null));
            store.save(NewObservation.of("other", "Not this project", "must not show"));
        }
    }

    @Test
    void sessionStartPrintsTheProjectsContextForTheAgentAndStartsTheSession() throws IOException {
        seed();
        Path cwd = projectDir();

        CliRun r = hook(claudeInput("SessionStart", "sess-1", cwd), "session-start");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.at("/hookSpecificOutput/hookEventName").stringValue()).isEqualTo("SessionStart");
        String context = out.at("/hookSpecificOutput/additionalContext").stringValue();
        assertThat(context).startsWith("Memory of project demo").contains("Use WAL mode").contains("[bugfix] Set busy_timeout")
                .doesNotContain("Not this project");
        try (SqliteMemoryStore store = SqliteMemoryStore.open(data())) {
            assertThat(store.getSession("sess-1").project()).isEqualTo("demo");
            assertThat(store.getSession("sess-1").directory()).isEqualTo(cwd.toString());
        }
    }

    @Test
    void sessionStartKeepsToItsBudgetAndCanPrintPlainText() throws IOException {
        seed();
        Path cwd = projectDir();

        CliRun r = hook(new ByteArrayInputStream(claudeInput("SessionStart", "s", cwd).getBytes(StandardCharsets.UTF_8)),
                Map.of("ENGRAM_HOOK_MAX_BYTES", "110"), "session-start", "--format", "text");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().getBytes(StandardCharsets.UTF_8).length).isBetween(1, 110);
        assertThat(r.out()).startsWith("Memory of project demo").endsWith("\n");
    }

    @Test
    void preCompactRecordsOneMarkerPerSessionAndPrintsNothing() throws IOException {
        seed();
        Path cwd = projectDir();

        CliRun first = hook(claudeInput("PreCompact", "sess-2", cwd), "pre-compact");
        CliRun second = hook(claudeInput("PreCompact", "sess-2", cwd), "pre-compact");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEmpty();
        assertThat(second.err()).isEmpty();
        try (SqliteMemoryStore store = SqliteMemoryStore.open(data())) {
            List<Observation> markers = store.context("demo", 50).observations().stream()
                    .filter(o -> o.type().equals("session_marker")).toList();
            assertThat(markers).singleElement().satisfies(o -> {
                assertThat(o.topicKey()).isEqualTo("session/sess-2/compaction");
                assertThat(o.revisionCount()).as("revised by the second compaction").isEqualTo(2);
                assertThat(o.content()).contains("trigger: auto").contains("sess-2.jsonl");
            });
        }
    }

    @Test
    void sessionEndEndsTheSession() throws IOException {
        seed();
        Path cwd = projectDir();
        hook(claudeInput("SessionStart", "sess-3", cwd), "session-start");

        CliRun r = hook(claudeInput("SessionEnd", "sess-3", cwd), "session-end");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        try (SqliteMemoryStore store = SqliteMemoryStore.open(data())) {
            assertThat(store.getSession("sess-3").endedAt()).isNotNull();
        }
    }

    @Test
    void everyFailureExitsZeroWithOneNoteOnStderrAndNothingOnStdout() throws IOException {
        // no database yet: the hook creates none
        CliRun noDb = hook(claudeInput("SessionStart", "s", projectDir()), "session-start");
        assertThat(noDb.exitCode()).isZero();
        assertThat(noDb.out()).isEmpty();
        assertThat(noDb.err()).contains("no memory database");
        assertThat(data().resolve("engram.db")).doesNotExist();

        seed();
        for (String bad : List.of("{not json", "[1,2]", "\"text\"", "{\"cwd\": 3} trailing", "\u0000\u0001")) {
            CliRun r = hook(bad, "session-start");
            assertThat(r.exitCode()).as(bad).isZero();
            assertThat(r.out()).as(bad).isEmpty();
            assertThat(r.err().strip().lines()).as(bad).singleElement().asString().startsWith("engram: hook session-start skipped: hook input is not usable");
        }
        CliRun unknownEvent = hook("{}", "post-everything");
        assertThat(unknownEvent.exitCode()).isZero();
        assertThat(unknownEvent.err()).contains("EVENT must be session-start, pre-compact or session-end");
        CliRun unknownSession = hook("{\"session_id\":\"never-started\"}", "session-end");
        assertThat(unknownSession.exitCode()).isZero();
        assertThat(unknownSession.err()).contains("never-started");
        CliRun badTimeout = hook(new ByteArrayInputStream(new byte[0]), Map.of("ENGRAM_HOOK_TIMEOUT", "soon"), "session-start");
        assertThat(badTimeout.exitCode()).isZero();
        assertThat(badTimeout.err()).contains("ENGRAM_HOOK_TIMEOUT");
        CliRun zeroTimeout = hook(new ByteArrayInputStream(new byte[0]), Map.of("ENGRAM_HOOK_TIMEOUT", "0s"), "session-start");
        assertThat(zeroTimeout.err()).contains("ENGRAM_HOOK_TIMEOUT must be more than 0");
        CliRun badFormat = hook(new ByteArrayInputStream(new byte[0]), Map.of(), "session-start", "--format", "xml");
        assertThat(badFormat.exitCode()).isZero();
        assertThat(badFormat.err()).contains("--format must be json or text");
        CliRun badBudget = hook(new ByteArrayInputStream(new byte[0]), Map.of(), "session-start", "--max-bytes", "0");
        assertThat(badBudget.exitCode()).isZero();
        assertThat(badBudget.err()).contains("--max-bytes must be between 1 and");
    }

    @Test
    void aHookThatOutlivesItsBudgetGivesUpAndPrintsNothing() throws IOException {
        seed();
        // the agent never closes stdin: reading it never ends
        PipedInputStream neverEnds = new PipedInputStream();
        try (PipedOutputStream writer = new PipedOutputStream(neverEnds)) {
            writer.write("{\"session_id\":".getBytes(StandardCharsets.UTF_8));

            CliRun r = hook(neverEnds, Map.of("ENGRAM_HOOK_TIMEOUT", "200ms"), "session-start");

            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("gave up after 200ms");
        }
    }

    @Test
    void theContextIsJsonThatGivesBackExactlyTheText() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            every.append(c);
        }
        List<String> texts = List.of("", "plain", every.toString(), "quote \" backslash \\ slash / tab \t cr \r lf \n",
                "\u00e9 \u2028 \u2029 \ud83d\ude00 lone \ud800 and \udc00 \u007f \u0085 \ufeff \uffff", "\udc00\ud800");
        for (String text : texts) {
            String line = HookWork.additionalContext("SessionStart", text);
            assertThat(line).startsWith("{\"hookSpecificOutput\":{\"hookEventName\":\"SessionStart\",\"additionalContext\":\"")
                    .endsWith("\"}}\n");
            String body = line.substring(0, line.length() - 1);
            assertThat(body.chars().filter(c -> c < 0x20)).as("no raw control character: %s", text).isEmpty();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                boolean paired = Character.isHighSurrogate(c) ? i + 1 < body.length() && Character.isLowSurrogate(body.charAt(i + 1))
                        : !Character.isLowSurrogate(c) || (i > 0 && Character.isHighSurrogate(body.charAt(i - 1)));
                assertThat(paired).as("no unpaired surrogate written raw (at %d): it would not survive UTF-8", i).isTrue();
            }
            assertThat(JSON.readTree(line).at("/hookSpecificOutput/additionalContext").asString()).isEqualTo(text);
        }
        assertThat(HookWork.additionalContext("SessionStart", "a\u0001\ud800\"")).contains("\"a\\u0001\\ud800\\\"\"");
    }
}
