package dev.engram.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Every agent's MCP entry over HTTP, in the form its documentation gives for a remote server: the
 * endpoint's URL and the {@code Authorization: Bearer} header. Created private, merged, idempotent,
 * switched to and from stdio in place, removed by uninstall, and the token never in a printed diff.
 */
class HttpTransportFilesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "tok_ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789_secret";
    private static final String URL = "http://127.0.0.1:7437/mcp";

    @TempDir
    Path dir;

    static Stream<Arguments> agentsAndScopes() {
        List<Arguments> all = new ArrayList<>();
        for (Agent a : Agent.values()) {
            for (Scope s : a.scopes()) {
                all.add(Arguments.of(a, s));
            }
        }
        return all.stream();
    }

    private Path launcher() throws IOException {
        Path launcher = dir.resolve("install/bin/engram");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        return launcher;
    }

    private Places places() {
        return new Places(dir.resolve("home"), dir.resolve("project"), Map.of(), "Linux");
    }

    private Setup overHttp(String token) throws IOException {
        return new Setup(places(), new McpLaunch(launcher(), new HttpEndpoint(URI.create(URL), token)), "Never save secrets.");
    }

    private Setup overStdio() throws IOException {
        return new Setup(places(), new McpLaunch(launcher()), "Never save secrets.");
    }

    private Part mcpPart(Agent agent, Scope scope) throws IOException {
        return agent.parts(scope, places(), new McpLaunch(launcher()), "x").stream().filter(p -> p.kind().equals("mcp")).findFirst().orElseThrow();
    }

    /** The entry each agent documents for a remote server. */
    private static String expectedJson(Agent agent) {
        String headers = "\"headers\":{\"Authorization\":\"Bearer " + TOKEN + "\"}";
        return switch (agent) {
            case CLAUDE_CODE, VSCODE -> "{\"type\":\"http\",\"url\":\"" + URL + "\"," + headers + "}";
            case GEMINI_CLI -> "{\"httpUrl\":\"" + URL + "\"," + headers + "}";
            case CURSOR -> "{\"url\":\"" + URL + "\"," + headers + "}";
            case WINDSURF -> "{\"serverUrl\":\"" + URL + "\"," + headers + "}";
            case OPENCODE -> "{\"type\":\"remote\",\"url\":\"" + URL + "\"," + headers + ",\"enabled\":true}";
            case CODEX -> throw new IllegalArgumentException("TOML");
        };
    }

    private JsonNode entryIn(Agent agent, Path file) throws IOException {
        String text = Files.readString(file);
        if (agent == Agent.CODEX) {
            return new TomlMapper().readTree(text).at("/mcp_servers/engram");
        }
        JsonNode root = JSON.readTree(text);
        return root.get(agent == Agent.VSCODE ? "servers" : agent == Agent.OPENCODE ? "mcp" : "mcpServers").get("engram");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("agentsAndScopes")
    void createsTheEntryInTheAgentsRemoteFormInAPrivateFile(Agent agent, Scope scope) throws IOException {
        Setup setup = overHttp(TOKEN);
        setup.apply(setup.plan(agent, scope, false));
        Path file = mcpPart(agent, scope).file();

        JsonNode entry = entryIn(agent, file);
        if (agent == Agent.CODEX) {
            assertThat(entry.toString()).isEqualTo("{\"url\":\"" + URL + "\",\"http_headers\":{\"Authorization\":\"Bearer " + TOKEN + "\"}}");
        } else {
            assertThat(entry).isEqualTo(JSON.readTree(expectedJson(agent)));
        }
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(setup.status(agent, scope)).allMatch(s -> s.state() == PartState.CURRENT)
                .filteredOn(s -> s.kind().equals("mcp")).singleElement().extracting(Setup.PartStatus::transport).isEqualTo(Transport.HTTP);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("agentsAndScopes")
    void anExistingFileKeepsItsModeAndOtherContentAndUninstallRestoresIt(Agent agent, Scope scope) throws IOException {
        Map<Path, String> original = writeFixtures(agent, scope);
        Path file = mcpPart(agent, scope).file();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Setup setup = overHttp(TOKEN);

        setup.apply(setup.plan(agent, scope, false));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        String merged = Files.readString(file);
        if (agent == Agent.CODEX) {
            assertThat(merged).startsWith(original.get(file));
            assertThat(new TomlMapper().readTree(merged).at("/mcp_servers/docs/command").stringValue()).isEqualTo("docs-server");
        } else {
            JsonNode before = JSON.readTree(original.get(file));
            JsonNode after = JSON.readTree(merged);
            assertThat(after.get("tips")).isEqualTo(before.get("tips"));
            String container = agent == Agent.VSCODE ? "servers" : agent == Agent.OPENCODE ? "mcp" : "mcpServers";
            assertThat(after.get(container).get("other")).isEqualTo(before.get(container).get("other"));
        }

        setup.apply(setup.plan(agent, scope, true));
        original.forEach((f, text) -> assertThat(read(f)).as(f.toString()).isEqualTo(text));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("agentsAndScopes")
    void isIdempotentPerTransportAndSwitchingReplacesOnlyEngramsEntry(Agent agent, Scope scope) throws IOException {
        writeFixtures(agent, scope);
        Path file = mcpPart(agent, scope).file();
        Setup stdio = overStdio();
        Setup http = overHttp(TOKEN);

        stdio.apply(stdio.plan(agent, scope, false));
        String overStdio = Files.readString(file);
        assertThat(stdio.status(agent, scope)).filteredOn(s -> s.kind().equals("mcp")).singleElement()
                .extracting(Setup.PartStatus::transport).isEqualTo(Transport.STDIO);

        List<FileChange> toHttp = http.plan(agent, scope, false);
        assertThat(toHttp).filteredOn(FileChange::changed).singleElement().satisfies(c -> {
            assertThat(c.file()).isEqualTo(file);
            assertThat(c.what()).singleElement().asString().startsWith("updated MCP server engram");
        });
        http.apply(toHttp);
        String overHttp = Files.readString(file);
        assertThat(overHttp).contains(TOKEN).doesNotContain("\"--tools\"");
        assertThat(http.plan(agent, scope, false)).noneMatch(FileChange::changed);
        assertThat(http.status(agent, scope)).allMatch(s -> s.state() == PartState.CURRENT);
        // Measured against stdio, the HTTP entry is still recognised as engram's, in the HTTP form.
        assertThat(stdio.status(agent, scope)).filteredOn(s -> s.kind().equals("mcp")).singleElement()
                .satisfies(s -> assertThat(s.transport()).isEqualTo(Transport.HTTP));

        stdio.apply(stdio.plan(agent, scope, false));
        assertThat(Files.readString(file)).as("back to stdio: the same bytes as before the switch").isEqualTo(overStdio);
        assertThat(stdio.plan(agent, scope, false)).noneMatch(FileChange::changed);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("agentsAndScopes")
    void aNewTokenUpdatesTheEntryAndUninstallWorksFromEitherTransport(Agent agent, Scope scope) throws IOException {
        Setup http = overHttp(TOKEN);
        http.apply(http.plan(agent, scope, false));
        Setup rotated = overHttp("rotated_" + TOKEN);
        assertThat(rotated.status(agent, scope)).filteredOn(s -> s.kind().equals("mcp")).singleElement()
                .extracting(Setup.PartStatus::state).isEqualTo(PartState.OUTDATED);
        rotated.apply(rotated.plan(agent, scope, false));
        assertThat(Files.readString(mcpPart(agent, scope).file())).contains("rotated_" + TOKEN);

        Setup stdio = overStdio();
        stdio.apply(stdio.plan(agent, scope, true));
        assertThat(stdio.status(agent, scope)).allMatch(s -> s.state() == PartState.ABSENT);
        assertThat(mcpPart(agent, scope).file()).doesNotExist();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("agentsAndScopes")
    void thePrintedDiffMasksTheTokenOfTheNewAndOfTheOldEntry(Agent agent, Scope scope) throws IOException {
        Setup first = overHttp("old_" + TOKEN);
        String created = first.plan(agent, scope, false).stream().map(FileChange::diff).reduce("", String::concat);
        assertThat(created).doesNotContain(TOKEN).contains("Bearer ****");
        first.apply(first.plan(agent, scope, false));

        String rotated = overHttp(TOKEN).plan(agent, scope, false).stream().map(FileChange::diff).reduce("", String::concat);
        assertThat(rotated).doesNotContain(TOKEN).contains("Bearer ****");
        String uninstalled = overStdio().plan(agent, scope, true).stream().map(FileChange::diff).reduce("", String::concat);
        assertThat(uninstalled).doesNotContain(TOKEN).contains("Bearer ****");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("agentsAndScopes")
    void aTokenWithQuotesAndBackslashesIsWrittenExactlyKeptPrivateAndMaskedWhole(Agent agent, Scope scope) throws IOException {
        String odd = "ab\"cd\\ef'gh#ij{kl}mn[op]qr=st,uv\"\\wx" + "-".repeat(10);
        Setup setup = overHttp(odd);
        List<FileChange> plan = setup.plan(agent, scope, false);
        String diff = plan.stream().map(FileChange::diff).reduce("", String::concat);
        for (String piece : List.of("ab", "cd", "ef'gh", "ij{kl}", "qr=st", "wx")) {
            assertThat(diff).as(piece).doesNotContain("Bearer " + piece).doesNotContain(piece + "\\");
        }
        assertThat(diff).doesNotContain("ef'gh", "qr=st");
        setup.apply(plan);
        Path file = mcpPart(agent, scope).file();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        JsonNode entry = entryIn(agent, file);
        JsonNode headers = entry.has("headers") ? entry.get("headers") : entry.get("http_headers");
        assertThat(headers.get("Authorization").stringValue()).isEqualTo("Bearer " + odd);
        assertThat(setup.plan(agent, scope, false)).noneMatch(FileChange::changed);
    }

    private Map<Path, String> writeFixtures(Agent agent, Scope scope) throws IOException {
        Map<Path, String> written = new LinkedHashMap<>();
        for (Part part : agent.parts(scope, places(), new McpLaunch(launcher()), "x")) {
            if (written.containsKey(part.file())) {
                continue;
            }
            boolean hooks = agent.parts(scope, places(), new McpLaunch(launcher()), "x").stream()
                    .anyMatch(p -> p instanceof JsonHooks && p.file().equals(part.file()));
            String text = switch (part) {
                case JsonEntry e -> AgentFilesTest.jsonFixture(e.container(), hooks);
                case JsonHooks h -> AgentFilesTest.jsonFixture(null, true);
                case TomlTable t -> AgentFilesTest.TOML_FIXTURE;
                case MarkedBlock b -> "# Notes of the user\n";
            };
            Files.createDirectories(part.file().getParent());
            Files.writeString(part.file(), text);
            written.put(part.file(), text);
        }
        return written;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
