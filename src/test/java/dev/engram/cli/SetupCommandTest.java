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

    private CliRun runWithData(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private String serveToken() throws IOException {
        return Files.readString(dir.resolve("data/serve-token")).strip();
    }

    @Test
    void overHttpWritesTheServeTokenIntoAPrivateFileAndNeverPrintsIt() throws IOException {
        CliRun http = runWithData("setup", "claude-code", "--transport", "http");
        assertThat(http.exitCode()).as(http.err()).isZero();
        String token = serveToken();
        assertThat(dir.resolve("data/serve-token")).as("created as 'serve --print-token' does").exists();
        assertThat(Files.getPosixFilePermissions(dir.resolve("data/serve-token"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        JsonNode entry = JsonMapper.builder().build().readTree(Files.readString(home.resolve(".claude.json"))).at("/mcpServers/engram");
        assertThat(entry.toString()).isEqualTo("{\"type\":\"http\",\"url\":\"http://127.0.0.1:7437/mcp\",\"headers\":{\"Authorization\":\"Bearer "
                + token + "\"}}");
        assertThat(Files.getPosixFilePermissions(home.resolve(".claude.json"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(http.out() + http.err()).doesNotContain(token).contains("created " + home.resolve(".claude.json"), "Bearer ****");

        CliRun again = runWithData("setup", "claude-code", "--transport", "http");
        assertThat(again.out()).contains("already set up");
        assertThat(serveToken()).as("the same token").isEqualTo(token);
    }

    @Test
    void aDryRunOverHttpMasksTheTokenAndCreatesNothing() throws IOException {
        Files.createDirectories(home.resolve(".gemini"));
        Files.writeString(home.resolve(".gemini/settings.json"), "{\n  \"mcpServers\": {\"x\": {\"httpUrl\": \"https://x/mcp\","
                + " \"headers\": {\"Authorization\": \"Bearer users-own-secret\"}}}\n}\n");
        CliRun dry = runWithData("setup", "gemini-cli", "--transport", "http", "--url", "http://127.0.0.1:9999/mcp", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("+      \"httpUrl\": \"http://127.0.0.1:9999/mcp\"", "\"Authorization\": \"Bearer ****\"", "dry run: nothing written")
                .doesNotContain("users-own-secret");
        assertThat(dir.resolve("data/serve-token")).doesNotExist();

        runWithData("setup", "gemini-cli", "--transport", "http", "--url", "http://127.0.0.1:9999/mcp");
        String token = serveToken();
        CliRun rotatedDry = run("--data-dir", dir.resolve("other-data").toString(), "setup", "gemini-cli", "--transport", "http", "--url",
                "http://127.0.0.1:9999/mcp", "--dry-run");
        assertThat(rotatedDry.out()).contains("Bearer ****").doesNotContain(token, "users-own-secret");
    }

    @Test
    void switchingTransportsReplacesEngramsEntryAndStatusShowsWhichIsSetUp() throws IOException {
        runWithData("setup", "codex");
        String stdio = Files.readString(home.resolve(".codex/config.toml"));
        assertThat(runWithData("setup", "status", "codex").out()).contains("mcp           current  stdio");

        CliRun toHttp = runWithData("setup", "codex", "--transport", "http", "--url", "http://127.0.0.1:8123/mcp");
        assertThat(toHttp.out()).contains("updated " + home.resolve(".codex/config.toml") + ": updated MCP server engram");
        assertThat(Files.readString(home.resolve(".codex/config.toml"))).contains("url = \"http://127.0.0.1:8123/mcp\"",
                "http_headers = { Authorization = \"Bearer " + serveToken() + "\" }").doesNotContain("command");
        assertThat(runWithData("setup", "status", "codex", "--url", "http://127.0.0.1:8123/mcp").out()).contains("mcp           current  http");
        assertThat(runWithData("setup", "status", "codex").out()).as("another URL").contains("mcp           outdated  http");
        JsonNode json = JsonMapper.builder().build().readTree(runWithData("setup", "status", "codex", "--json", "--url",
                "http://127.0.0.1:8123/mcp").out());
        assertThat(json.at("/agents/0/scopes/0/parts/0/transport").stringValue()).isEqualTo("http");

        runWithData("setup", "codex");
        assertThat(Files.readString(home.resolve(".codex/config.toml"))).isEqualTo(stdio);

        runWithData("setup", "codex", "--transport", "http");
        CliRun uninstall = runWithData("setup", "codex", "--uninstall");
        assertThat(uninstall.exitCode()).isZero();
        assertThat(uninstall.out()).contains("engram removed");
    }

    @Test
    void badTransportOptionsExitTwoNamingTheOptionAndWriteNothing() throws IOException {
        for (String[] args : List.of(new String[] {"setup", "claude-code", "--transport", "carrier-pigeon"},
                new String[] {"setup", "claude-code", "--transport", "http", "--url", "ftp://127.0.0.1/mcp"},
                new String[] {"setup", "claude-code", "--transport", "http", "--url", "http://127.0.0.1:7437"},
                new String[] {"setup", "claude-code", "--transport", "http", "--url", "http://127.0.0.1:7437/mcp?token=1"},
                new String[] {"setup", "claude-code", "--url", "http://127.0.0.1:7437/mcp"})) {
            CliRun bad = runWithData(args);
            assertThat(bad.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(bad.err()).contains(args[args.length - 2]);
        }
        assertThat(home).doesNotExist();
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void anExistingFileReadableByOthersKeepsItsModeAndSetupSaysSo() throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve(".claude.json"), "{}\n");
        Files.setPosixFilePermissions(home.resolve(".claude.json"), PosixFilePermissions.fromString("rw-r--r--"));
        CliRun http = runWithData("setup", "claude-code", "--transport", "http");
        assertThat(Files.getPosixFilePermissions(home.resolve(".claude.json"))).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(http.out()).contains("other users can read it", "chmod 600 " + home.resolve(".claude.json"));
    }
}
