package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link HookFastPath} runs a plain {@code engram hook EVENT} without picocli. For every case here, the same
 * command line, input and environment go through both paths, each on its own copy of the same database: the exit
 * code, stdout, stderr and the rows left in the database must be the same. Command lines it must leave to
 * picocli are checked too.
 */
class HookFastPathTest {
    @TempDir
    Path dir;
    private int cases;

    /** What one run printed and left behind. */
    private record Outcome(int code, String out, String err, List<String> sessions, List<String> observations) {
    }

    private Path project() throws IOException {
        Path p = Files.createDirectories(dir.resolve("work/app/.engram"));
        Files.writeString(p.resolve("config.json"), "{\"project\":\"demo\"}");
        return p.getParent();
    }

    private Path seeded(String name) {
        Path data = dir.resolve(name);
        try (SqliteMemoryStore store = SqliteMemoryStore.open(data)) {
            store.save(NewObservation.of("demo", "Use WAL mode", "readers never block writers"));
            store.save(new NewObservation(null, "bugfix", "Set busy_timeout", "on every connection\nand\tthen \"quoted\"", null, "demo", null, null));
            store.startSession("known", "demo", "/somewhere");
        }
        return data;
    }

    private static String input(String event, String session, Path cwd) {
        return "{\"session_id\":\"" + session + "\",\"cwd\":\"" + cwd + "\",\"hook_event_name\":\"" + event
                + "\",\"trigger\":\"manual\",\"transcript_path\":\"/t/x.jsonl\",\"nested\":{\"a\":[1,2]}}";
    }

    /** Runs {@code args} (with {@code DATA} replaced by the data directory) on one path and reads what it left. */
    private Outcome run(boolean fast, Path data, String stdin, Map<String, String> env, String... template) throws Exception {
        String[] args = new String[template.length];
        for (int i = 0; i < template.length; i++) {
            args[i] = template[i].replace("DATA", data.toString());
        }
        Map<String, String> environment = new HashMap<>(env);
        environment.replaceAll((k, v) -> v.replace("DATA", data.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        HookCommand hook = new HookCommand(() -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), environment);
        int code;
        if (fast) {
            HookFastPath.Plain plain = HookFastPath.parse(args, environment);
            assertThat(plain).as("a plain hook command line: %s", List.of(args)).isNotNull();
            code = HookFastPath.run(plain, hook, new PrintWriter(out, true), new PrintWriter(err, true));
        } else {
            CommandLine cl = Cli.commandLine(new CommandRegistry().add("hook", () -> hook), args);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute(args);
        }
        return new Outcome(code, out.toString(), err.toString().replace(data.toString(), "DATA"),
                rows(data, "SELECT id, project, directory, ended_at IS NULL FROM sessions ORDER BY id"),
                rows(data, "SELECT type, title, topic_key, project, revision_count FROM observations ORDER BY id"));
    }

    private static List<String> rows(Path data, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        if (!Files.exists(data.resolve(SqliteMemoryStore.FILE_NAME))) {
            return rows;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteMemoryStore.FILE_NAME));
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private void bothPathsAgree(String stdin, Map<String, String> env, boolean seed, String... args) throws Exception {
        String name = "case" + ++cases;
        Path fastData = seed ? seeded(name + "-fast") : dir.resolve(name + "-fast");
        Path picocliData = seed ? seeded(name + "-picocli") : dir.resolve(name + "-picocli");
        Outcome fast = run(true, fastData, stdin, env, args);
        Outcome picocli = run(false, picocliData, stdin, env, args);
        assertThat(fast).as("%s with %s", List.of(args), env).isEqualTo(picocli);
    }

    @Test
    void bothPathsPrintTheSameAndLeaveTheSameDatabase() throws Exception {
        Path cwd = project();
        Map<String, String> none = Map.of();
        bothPathsAgree(input("SessionStart", "s-1", cwd), none, true, "--data-dir", "DATA", "hook", "session-start");
        bothPathsAgree(input("SessionStart", "s-2", cwd), none, true, "--data-dir=DATA", "hook", "session-start");
        bothPathsAgree(input("SessionStart", "known", cwd), none, true, "--data-dir", "DATA", "hook", "session-start");
        bothPathsAgree(input("PreCompact", "s-4", cwd), none, true, "--data-dir", "DATA", "hook", "pre-compact");
        bothPathsAgree(input("SessionEnd", "known", cwd), none, true, "--data-dir", "DATA", "hook", "session-end");
        bothPathsAgree(input("SessionEnd", "unknown", cwd), none, true, "--data-dir", "DATA", "hook", "session-end");
        bothPathsAgree("", none, true, "--data-dir", "DATA", "hook", "session-start");
        bothPathsAgree("{not json", none, true, "--data-dir", "DATA", "hook", "session-start");
        bothPathsAgree("[1, 2]", none, true, "--data-dir", "DATA", "hook", "pre-compact");
        bothPathsAgree(input("SessionStart", "s-5", cwd), none, false, "--data-dir", "DATA", "hook", "session-start");
        bothPathsAgree(input("SessionStart", "s-6", cwd), Map.of("ENGRAM_HOOK_TIMEOUT", "soon"), true, "--data-dir", "DATA", "hook", "session-start");
        bothPathsAgree(input("SessionStart", "s-7", cwd), Map.of("ENGRAM_HOOK_MAX_BYTES", "0"), true, "--data-dir", "DATA", "hook", "session-start");
        bothPathsAgree(input("SessionStart", "s-8", cwd), Map.of("ENGRAM_HOOK_MAX_BYTES", "120"), true, "--data-dir", "DATA", "hook", "session-start");
        bothPathsAgree(input("SessionStart", "x".repeat(300), cwd), none, true, "--data-dir", "DATA", "hook", "session-start");
    }

    @Test
    void anyOtherCommandLineIsLeftToPicocli() {
        Map<String, String> none = Map.of();
        for (String[] args : List.of(new String[] {"hook"}, new String[] {"hook", "session-begin"}, new String[] {"hook", "SESSION-START"},
                new String[] {"hook", "session-start", "--format", "text"}, new String[] {"hook", "session-start", "--max-bytes", "10"},
                new String[] {"hook", "--help"}, new String[] {"--log-level", "debug", "hook", "session-start"},
                new String[] {"--data-dir", "-x", "hook", "session-start"}, new String[] {"--data-dir", "@args", "hook", "session-start"},
                new String[] {"@args"}, new String[] {"search", "session-start"}, new String[] {"--data-dir", "d", "hook"},
                new String[] {"--data-dir", "d", "search", "session-start"}, new String[] {"--datadir=d", "hook", "session-start"},
                new String[] {"-V", "hook", "session-start"})) {
            assertThat(HookFastPath.parse(args, none)).as("%s", List.of(args)).isNull();
        }
        for (String variable : List.of("ENGRAM_LOG_LEVEL", "ENGRAM_LOG_FORMAT", "ENGRAM_LOG_CONFIG")) {
            assertThat(HookFastPath.parse(new String[] {"hook", "session-start"}, Map.of(variable, "x"))).as(variable).isNull();
        }
        assertThat(HookFastPath.parse(new String[] {"hook", "session-start"}, Map.of("ENGRAM_LOG_LEVEL", " "))).isNotNull();
    }

    @Test
    void theDataDirectoryComesFromTheOptionElseFromEngramDataDirAsPicocliReadsThem() {
        // (picocli reads ENGRAM_DATA_DIR from the process's environment, which a test cannot set: compared here)
        Map<String, String> env = Map.of("ENGRAM_DATA_DIR", "/from/env");
        assertThat(HookFastPath.parse(new String[] {"hook", "pre-compact"}, env)).isEqualTo(new HookFastPath.Plain("pre-compact", Path.of("/from/env")));
        assertThat(HookFastPath.parse(new String[] {"--data-dir", "/opt", "hook", "session-end"}, env))
                .isEqualTo(new HookFastPath.Plain("session-end", Path.of("/opt")));
        assertThat(HookFastPath.parse(new String[] {"--data-dir=", "hook", "session-end"}, env)).isEqualTo(new HookFastPath.Plain("session-end", null));
        assertThat(HookFastPath.parse(new String[] {"hook", "session-start"}, Map.of("ENGRAM_DATA_DIR", "  ")))
                .isEqualTo(new HookFastPath.Plain("session-start", null));
    }
}
