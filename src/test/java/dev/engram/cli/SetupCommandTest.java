package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.setup.Places;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SetupCommandTest {
    @TempDir
    Path dir;

    private Path home;
    private Path launcher;

    @BeforeEach
    void launcher() throws IOException {
        home = dir.resolve("home");
        launcher = dir.resolve("install/bin/engram");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("list")) {
            all.addAll(List.of("--launcher", launcher.toString()));
        }
        Places places = new Places(home, dir.resolve("project"), Map.of(), "Linux");
        return CliRun.of(List.of(MemoryCommands.setup(places)), all.toArray(String[]::new));
    }

    @Test
    void setupThenASecondRunSaysAlreadySetUp() {
        CliRun first = run("setup", "gemini-cli");
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("created " + home.resolve(".gemini/settings.json"), "check with: gemini mcp list");

        CliRun second = run("setup", "gemini-cli");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("already set up").doesNotContain("created", "updated");
    }

    @Test
    void aDryRunPrintsAUnifiedDiffAndWritesNothing() throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve(".claude.json"), "{\n  \"theme\": \"dark\"\n}\n");
        CliRun dry = run("setup", "claude-code", "--dry-run");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).contains("--- " + home.resolve(".claude.json"), "+++ " + home.resolve(".claude.json"),
                "@@ -1,3 +1,14 @@", "-  \"theme\": \"dark\"\n+  \"theme\": \"dark\",\n+  \"mcpServers\": {", "dry run: nothing written");
        assertThat(home.resolve(".claude.json")).hasContent("{\n  \"theme\": \"dark\"\n}");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()))
                    .containsExactlyInAnyOrder("home/.claude.json", "install/bin/engram");
        }
    }

    @Test
    void aMalformedFileExitsWithTwoNamingTheFileAndChangesNothing() throws IOException {
        Files.createDirectories(home.resolve(".cursor"));
        Files.writeString(home.resolve(".cursor/mcp.json"), "{\"mcpServers\": {");
        CliRun run = run("setup", "cursor");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(home.resolve(".cursor/mcp.json").toString(), "not valid JSON", "left untouched");
        assertThat(home.resolve(".cursor/mcp.json")).hasContent("{\"mcpServers\": {");
        assertThat(home.resolve(".cursor/mcp.json.engram-backup")).doesNotExist();
    }

    @Test
    void badArgumentsExitWithTwo() {
        assertThat(run("setup", "emacs").err()).contains("unknown agent 'emacs'", "claude-code");
        assertThat(run("setup", "emacs").exitCode()).isEqualTo(2);
        assertThat(run("setup", "codex", "--scope", "team").err()).contains("--scope must be user or project");
        assertThat(run("setup", "windsurf", "--scope", "project").exitCode()).isEqualTo(2);
        CliRun badLauncher = CliRun.of(List.of(MemoryCommands.setup(new Places(home, dir, Map.of(), "Linux"))),
                "setup", "codex", "--launcher", dir.resolve("missing").toString());
        assertThat(badLauncher.exitCode()).isEqualTo(2);
        assertThat(badLauncher.err()).contains("--launcher must be an executable file");
    }

    @Test
    void uninstallRemovesWhatSetupAddedAndSaysSo() {
        run("setup", "codex");
        CliRun removed = run("setup", "codex", "--uninstall");
        assertThat(removed.exitCode()).isZero();
        assertThat(removed.out()).contains("deleted " + home.resolve(".codex/config.toml"), "engram removed");
        assertThat(home.resolve(".codex/config.toml")).doesNotExist();
        assertThat(run("setup", "codex", "--uninstall").out()).contains("not set up there; nothing changed");
    }

    @Test
    void listNamesEveryAgent() {
        CliRun list = run("setup", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("claude-code", "codex", "gemini-cli", "opencode", "cursor", "vscode", "windsurf");
    }

    @Test
    void statusTellsPerAgentAndScopeWhatIsPresentAndCurrent() throws IOException {
        run("setup", "claude-code");
        Files.writeString(home.resolve(".claude/CLAUDE.md"), "<!-- engram:begin -->\nold\n<!-- engram:end -->\n");
        Files.createDirectories(home.resolve(".gemini"));
        Files.writeString(home.resolve(".gemini/settings.json"), "not json");

        JsonNode status = JsonMapper.builder().build().readTree(run("setup", "status", "--json").out());
        JsonNode claude = status.get("agents").get(0);
        assertThat(claude.get("agent").stringValue()).isEqualTo("claude-code");
        JsonNode user = claude.get("scopes").get(0);
        assertThat(user.get("summary").stringValue()).isEqualTo("partly set up");
        assertThat(user.get("parts").findValuesAsString("state")).containsExactly("current", "outdated", "current");
        assertThat(claude.get("scopes").get(1).get("summary").stringValue()).isEqualTo("not set up");
        JsonNode gemini = status.get("agents").get(2).get("scopes").get(0);
        assertThat(gemini.get("summary").stringValue()).isEqualTo("error");
        assertThat(gemini.get("parts").get(0).get("error").stringValue()).contains(".gemini/settings.json", "not valid JSON");

        CliRun text = run("setup", "status", "claude-code");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("claude-code  user     instructions  outdated").doesNotContain("codex");
    }
}
