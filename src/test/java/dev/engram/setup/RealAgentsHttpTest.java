package dev.engram.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agents reach a real {@code engram serve} over Streamable HTTP after
 * {@code engram setup AGENT --transport http}: {@code claude mcp list} connects with the bearer
 * header setup wrote and does not with a wrong token; {@code gemini mcp list} and
 * {@code codex mcp list} list the endpoint. With {@code ENGRAM_TEST_AGENTS} set these tests must
 * pass, not skip (see {@link RealAgentsTest}).
 */
class RealAgentsHttpTest {
    private static final String AGENTS = System.getenv("ENGRAM_TEST_AGENTS");

    @TempDir
    Path dir;

    private Path home;
    private Path project;
    private Path launcher;
    private Process serve;
    private int port;

    @BeforeEach
    void startServe() throws IOException {
        Assumptions.assumeTrue(AGENTS != null && !AGENTS.isBlank(), "ENGRAM_TEST_AGENTS is not set");
        home = Files.createDirectories(dir.resolve("home"));
        project = Files.createDirectories(dir.resolve("project"));
        launcher = testLauncher();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path err = dir.resolve("serve-err.txt");
        serve = new ProcessBuilder(launcher.toString(), "serve", "--port", Integer.toString(port))
                .redirectOutput(dir.resolve("serve-out.txt").toFile()).redirectError(err.toFile()).start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> !serve.isAlive() || Files.readString(err).contains("http server started"));
        assertThat(serve.isAlive()).as("serve runs; stderr: " + Files.readString(err)).isTrue();
    }

    @AfterEach
    void stopServe() throws InterruptedException {
        if (serve != null) {
            serve.destroy();
            serve.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** A launcher that runs engram from the test classpath on a throw-away data directory, as in {@link RealAgentsTest}. */
    private Path testLauncher() throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path script = dir.resolve("install/engram");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\nENGRAM_DATA_DIR=" + McpLaunch.shellQuote(dir.resolve("data").toString()) + " exec "
                + McpLaunch.shellQuote(java) + " --enable-native-access=ALL-UNNAMED -Xlog:disable -Xlog:all=warning:stderr -cp "
                + McpLaunch.shellQuote(System.getProperty("java.class.path")) + " dev.engram.app.Main \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private String url() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    private String token() throws IOException {
        return Files.readString(dir.resolve("data/serve-token")).strip();
    }

    /** Runs {@code program args} in the project directory with HOME set to the temporary home; returns stdout and stderr. */
    private String run(String program, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(program));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.directory(project.toFile()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("CODEX_HOME");
        pb.environment().remove("XDG_CONFIG_HOME");
        pb.environment().put("NO_COLOR", "1");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(program + " finished").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private String agent(String name, String... args) throws IOException, InterruptedException {
        Path bin = Path.of(AGENTS, "node_modules", ".bin", name);
        assertThat(bin).as("ENGRAM_TEST_AGENTS is set, so " + name + " must be installed there").isExecutable();
        return run(bin.toString(), args);
    }

    private void setUpOverHttp(String agent) throws IOException, InterruptedException {
        String out = run(launcher.toString(), "setup", agent, "--transport", "http", "--url", url(), "--launcher", launcher.toString());
        assertThat(out).as(out).contains("set up; check with").doesNotContain(token());
    }

    @Test
    void claudeCodeConnectsOverHttpWithTheTokenSetupWroteAndNotWithAWrongOne() throws Exception {
        setUpOverHttp("claude-code");
        Path config = home.resolve(".claude.json");
        assertThat(Files.readString(config)).contains("Bearer " + token());

        String listed = agent("claude", "mcp", "list");
        assertThat(listed).as(listed).containsPattern("engram: " + url().replace(".", "\\.") + " \\(HTTP\\) - . Connected");

        Files.writeString(config, Files.readString(config).replace(token(), "wrong-token-wrong-token-wrong-token-0000"));
        String refused = agent("claude", "mcp", "list");
        assertThat(refused.lines().filter(l -> l.startsWith("engram:"))).as(refused).singleElement().asString()
                .doesNotContain("Connected");

        run(launcher.toString(), "setup", "claude-code", "--uninstall", "--launcher", launcher.toString());
        assertThat(agent("claude", "mcp", "list")).doesNotContain("engram");
    }

    @Test
    void geminiCliListsTheHttpEndpointSetupWrote() throws Exception {
        setUpOverHttp("gemini-cli");
        String listed = agent("gemini", "mcp", "list");
        assertThat(listed).as(listed).containsPattern("engram: " + url().replace(".", "\\.") + " \\(http\\)");
    }

    @Test
    void codexListsTheHttpEndpointWithItsBearerHeader() throws Exception {
        Files.createDirectories(home.resolve(".codex"));
        Files.writeString(home.resolve(".codex/config.toml"), "# mine\n\n[mcp_servers.docs]\ncommand = \"docs\"\n");
        setUpOverHttp("codex");
        String listed = agent("codex", "mcp", "list");
        assertThat(List.of(listed.split("\n"))).as(listed)
                .anyMatch(l -> l.matches("engram\\s+" + url().replace(".", "\\.") + "\\s+.*Bearer token.*"))
                .anyMatch(l -> l.startsWith("docs "));
    }
}
