package dev.engram.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agents' own CLIs read what setup wrote: {@code claude mcp list} starts the server and
 * prints "Connected"; {@code gemini mcp list} and {@code codex mcp list} list it; after
 * {@code --uninstall} none of them does. The agents come from npm (see .ci/run); with
 * {@code ENGRAM_TEST_AGENTS} set to their install directory these tests must pass, not skip.
 */
class RealAgentsTest {
    private static final String AGENTS = System.getenv("ENGRAM_TEST_AGENTS");

    @TempDir
    Path dir;

    private Path home;
    private Path project;
    private Setup setup;

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue(AGENTS != null && !AGENTS.isBlank(), "ENGRAM_TEST_AGENTS is not set");
        home = Files.createDirectories(dir.resolve("home"));
        project = Files.createDirectories(dir.resolve("project"));
        setup = new Setup(new Places(home, project, Map.of(), "Linux"), new McpLaunch(testLauncher()), Setup.bundledInstructions());
    }

    /** A launcher that runs engram from the test classpath, as ./engram runs the jar, on a throw-away data directory. */
    private Path testLauncher() throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path launcher = dir.resolve("install/engram");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\nENGRAM_DATA_DIR=" + McpLaunch.shellQuote(dir.resolve("data").toString()) + " exec "
                + McpLaunch.shellQuote(java) + " --enable-native-access=ALL-UNNAMED -Xlog:disable -Xlog:all=warning:stderr -cp "
                + McpLaunch.shellQuote(System.getProperty("java.class.path")) + " dev.engram.app.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }

    private String run(String agent, String... args) throws IOException, InterruptedException {
        Path bin = Path.of(AGENTS, "node_modules", ".bin", agent);
        assertThat(bin).as("ENGRAM_TEST_AGENTS is set, so " + agent + " must be installed there").isExecutable();
        ProcessBuilder pb = new ProcessBuilder(java.util.stream.Stream.concat(java.util.stream.Stream.of(bin.toString()),
                java.util.stream.Stream.of(args)).toList());
        pb.directory(project.toFile()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("CODEX_HOME");
        pb.environment().remove("XDG_CONFIG_HOME");
        pb.environment().put("NO_COLOR", "1");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(agent + " finished").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void claudeCodeConnectsToTheServerSetupWroteAndForgetsItAfterUninstall() throws Exception {
        setup.apply(setup.plan(Agent.CLAUDE_CODE, Scope.USER, false));
        String listed = run("claude", "mcp", "list");
        assertThat(listed).as(listed).containsPattern("engram: .*engram mcp --tools agent - . Connected");

        setup.apply(setup.plan(Agent.CLAUDE_CODE, Scope.USER, true));
        assertThat(run("claude", "mcp", "list")).doesNotContain("engram");
    }

    @Test
    void geminiCliListsTheServerSetupWroteAndForgetsItAfterUninstall() throws Exception {
        setup.apply(setup.plan(Agent.GEMINI_CLI, Scope.USER, false));
        String listed = run("gemini", "mcp", "list");
        assertThat(listed).as(listed).containsPattern("engram: .*engram mcp --tools agent \\(stdio\\)");

        setup.apply(setup.plan(Agent.GEMINI_CLI, Scope.USER, true));
        assertThat(run("gemini", "mcp", "list")).doesNotContain("engram");
    }

    @Test
    void codexListsTheServerSetupWroteAndForgetsItAfterUninstall() throws Exception {
        Files.createDirectories(home.resolve(".codex"));
        Files.writeString(home.resolve(".codex/config.toml"), "# mine\nmodel = \"o3\"\n\n[mcp_servers.docs]\ncommand = \"docs\"\n");
        setup.apply(setup.plan(Agent.CODEX, Scope.USER, false));
        String listed = run("codex", "mcp", "list");
        assertThat(List.of(listed.split("\n"))).as(listed).anyMatch(l -> l.matches("engram\\s+\\S*engram\\s+mcp --tools agent.*"))
                .anyMatch(l -> l.startsWith("docs "));

        setup.apply(setup.plan(Agent.CODEX, Scope.USER, true));
        String after = run("codex", "mcp", "list");
        assertThat(List.of(after.split("\n"))).as(after).noneMatch(l -> l.startsWith("engram")).anyMatch(l -> l.startsWith("docs "));
    }
}
