package dev.engram.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Every agent's files in every scope it supports, in its documented format: created from nothing,
 * merged into files that hold other servers, keys, hooks and comments, idempotent to the byte,
 * removed exactly, refused untouched when malformed, backed up once.
 */
class AgentFilesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INSTRUCTIONS = "Search memory first. Save decisions. Never save secrets.";

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

    private Setup setup() throws IOException {
        Path launcher = dir.resolve("install/bin/engram");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        return new Setup(places(), new McpLaunch(launcher), INSTRUCTIONS);
    }

    private Places places() {
        return new Places(dir.resolve("home"), dir.resolve("project"), Map.of(), "Linux");
    }

    private List<Part> parts(Agent agent, Scope scope) throws IOException {
        setup();
        return agent.parts(scope, places(), new McpLaunch(dir.resolve("install/bin/engram")), INSTRUCTIONS);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("agentsAndScopes")
    void createsEveryFileFromNothingInTheAgentsFormat(Agent agent, Scope scope) throws IOException {
        Setup setup = setup();
        setup.apply(setup.plan(agent, scope, false));
        for (Part part : parts(agent, scope)) {
            String text = Files.readString(part.file());
            assertThat(part.state(text)).as(part.file().toString()).isEqualTo(PartState.CURRENT);
            assertThat(part.file().startsWith(scope == Scope.USER ? dir.resolve("home") : dir.resolve("project"))).isTrue();
            switch (part) {
                case JsonEntry e -> {
                    JsonNode entry = JSON.readTree(text).get(e.container()).get("engram");
                    String command = entry.get("command").isArray() ? entry.get("command").get(0).stringValue() : entry.get("command").stringValue();
                    assertThat(command).isEqualTo(dir.resolve("install/bin/engram").toString());
                    assertThat(entry.toString()).contains("\"mcp\"", "\"--tools\"", "\"agent\"").doesNotContain("--project");
                }
                case TomlTable t -> assertThat(new TomlMapper().readTree(text).at("/mcp_servers/engram/args").toString())
                        .isEqualTo("[\"mcp\",\"--tools\",\"agent\"]");
                case JsonHooks h -> assertThat(JSON.readTree(text).get("hooks").properties()).hasSize(3);
                case MarkedBlock b -> assertThat(text).contains(MarkedBlock.BEGIN, "Never save secrets", MarkedBlock.END);
            }
        }
        assertThat(setup.status(agent, scope)).allMatch(s -> s.state() == PartState.CURRENT);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("agentsAndScopes")
    void mergesKeepingOtherContentThenUninstallRestoresItToTheByte(Agent agent, Scope scope) throws IOException {
        Setup setup = setup();
        Map<Path, String> original = writeFixtures(agent, scope);

        setup.apply(setup.plan(agent, scope, false));
        for (Map.Entry<Path, String> f : original.entrySet()) {
            String merged = Files.readString(f.getKey());
            assertThat(merged).as(f.getKey().toString()).isNotEqualTo(f.getValue());
            assertOtherContentKept(f.getKey(), f.getValue(), merged);
        }
        assertThat(setup.status(agent, scope)).allMatch(s -> s.state() == PartState.CURRENT);

        setup.apply(setup.plan(agent, scope, true));
        for (Map.Entry<Path, String> f : original.entrySet()) {
            assertThat(Files.readString(f.getKey())).as(f.getKey().toString()).isEqualTo(f.getValue());
        }
        assertThat(setup.status(agent, scope)).allMatch(s -> s.state() == PartState.ABSENT);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("agentsAndScopes")
    void aSecondRunChangesNoByteAndTouchesNoFile(Agent agent, Scope scope) throws IOException {
        Setup setup = setup();
        writeFixtures(agent, scope);
        setup.apply(setup.plan(agent, scope, false));
        Map<Path, byte[]> bytes = new HashMap<>();
        Map<Path, FileTime> times = new HashMap<>();
        for (Part part : parts(agent, scope)) {
            Files.setLastModifiedTime(part.file(), FileTime.fromMillis(1_000_000_000_000L));
            bytes.put(part.file(), Files.readAllBytes(part.file()));
            times.put(part.file(), Files.getLastModifiedTime(part.file()));
        }

        List<FileChange> again = setup.plan(agent, scope, false);
        assertThat(again).noneMatch(FileChange::changed);
        assertThat(setup.apply(again)).isEmpty();
        for (Path file : bytes.keySet()) {
            assertThat(Files.readAllBytes(file)).isEqualTo(bytes.get(file));
            assertThat(Files.getLastModifiedTime(file)).isEqualTo(times.get(file));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("agentsAndScopes")
    void uninstallDeletesTheFilesSetupCreatedAndNothingElse(Agent agent, Scope scope) throws IOException {
        Setup setup = setup();
        setup.apply(setup.plan(agent, scope, false));
        setup.apply(setup.plan(agent, scope, true));
        for (Part part : parts(agent, scope)) {
            assertThat(part.file()).doesNotExist();
            assertThat(part.file().resolveSibling(part.file().getFileName() + ConfigFiles.BACKUP_SUFFIX)).doesNotExist();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("agentsAndScopes")
    void aMalformedFileIsRefusedWithItsPathAndNothingIsWritten(Agent agent, Scope scope) throws IOException {
        Setup setup = setup();
        Map<Path, String> original = writeFixtures(agent, scope);
        for (Path broken : original.keySet()) {
            String bad = broken.toString().endsWith(".toml") ? "[mcp_servers\ncommand = = 1\n"
                    : broken.toString().endsWith(".json") ? "{\"mcpServers\": {\"a\": 1,}" : "x\n<!-- engram:end -->\n<!-- engram:begin -->\n";
            Files.writeString(broken, bad);
            Map<Path, byte[]> before = snapshot();

            assertThatThrownBy(() -> setup.plan(agent, scope, false)).isInstanceOf(MalformedConfigException.class)
                    .hasMessageContaining(broken.toString()).hasMessageContaining("left untouched");
            assertThatThrownBy(() -> setup.plan(agent, scope, true)).isInstanceOf(MalformedConfigException.class);
            assertThat(snapshot()).as("nothing written").containsOnlyKeys(before.keySet());
            before.forEach((file, content) -> assertThat(readBytes(file)).isEqualTo(content));
            Files.writeString(broken, original.get(broken));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("agentsAndScopes")
    void theBackupIsMadeOnceAndKeepsTheUsersOriginalFile(Agent agent, Scope scope) throws IOException {
        Setup setup = setup();
        Map<Path, String> original = writeFixtures(agent, scope);
        setup.apply(setup.plan(agent, scope, false));
        setup.apply(setup.plan(agent, scope, true));
        setup.apply(setup.plan(agent, scope, false));
        for (Map.Entry<Path, String> f : original.entrySet()) {
            Path backup = f.getKey().resolveSibling(f.getKey().getFileName() + ConfigFiles.BACKUP_SUFFIX);
            assertThat(Files.readString(backup)).isEqualTo(f.getValue());
        }
    }

    /** Files of the agent in its format, each with content of the user's own that setup must keep. */
    private Map<Path, String> writeFixtures(Agent agent, Scope scope) throws IOException {
        Map<Path, List<Part>> byFile = new LinkedHashMap<>();
        for (Part part : parts(agent, scope)) {
            byFile.computeIfAbsent(part.file(), f -> new ArrayList<>()).add(part);
        }
        Map<Path, String> written = new LinkedHashMap<>();
        for (Map.Entry<Path, List<Part>> f : byFile.entrySet()) {
            String text = switch (f.getValue().getFirst()) {
                case JsonEntry e -> jsonFixture(e.container(), f.getValue().stream().anyMatch(p -> p instanceof JsonHooks));
                case JsonHooks h -> jsonFixture(null, true);
                case TomlTable t -> TOML_FIXTURE;
                case MarkedBlock b -> "# Notes of the user\n\nKeep answers short.\n";
            };
            Files.createDirectories(f.getKey().getParent());
            Files.writeString(f.getKey(), text);
            written.put(f.getKey(), text);
        }
        return written;
    }

    static final String TOML_FIXTURE = """
            # my codex settings
            model = "o3"  # keep this comment

            [mcp_servers.docs]
            command = "docs-server"
            args = ["--port", "1"]

            # profiles below
            [profiles.fast]
            model = "mini"
            """;

    /** A settings file as Node's JSON.stringify(x, null, 4) writes it, without a final newline (Claude Code's own style). */
    static String jsonFixture(String container, boolean hooks) {
        StringBuilder s = new StringBuilder("{\n    \"theme\": \"dark\",\n    \"numStartups\": 12,\n    \"ratio\": 2.50,\n");
        if (container != null) {
            s.append("    \"").append(container).append("\": {\n        \"other\": {\n            \"command\": \"other-server\",\n"
                    + "            \"args\": []\n        }\n    },\n");
        }
        if (hooks) {
            s.append("    \"hooks\": {\n        \"SessionStart\": [\n            {\n                \"matcher\": \"startup\",\n"
                    + "                \"hooks\": [\n                    {\n                        \"type\": \"command\",\n"
                    + "                        \"command\": \"echo hi\"\n                    }\n                ]\n            }\n        ],\n"
                    + "        \"Stop\": [\n            {\n                \"hooks\": [\n                    {\n"
                    + "                        \"type\": \"command\",\n                        \"command\": \"notify-send done\"\n"
                    + "                    }\n                ]\n            }\n        ]\n    },\n");
        }
        s.append("    \"tips\": {\n        \"é ✓ \\\"q\\\" \\\\ \\n\": true,\n        \"empty\": {},\n        \"list\": []\n    }\n}");
        return s.toString();
    }

    private static void assertOtherContentKept(Path file, String original, String merged) {
        if (file.toString().endsWith(".json")) {
            JsonNode before = JSON.readTree(original);
            JsonNode after = JSON.readTree(merged);
            List<String> keysBefore = new ArrayList<>(before.propertyNames());
            assertThat(new ArrayList<>(after.propertyNames()).subList(0, keysBefore.size())).isEqualTo(keysBefore);
            assertThat(after.get("tips")).isEqualTo(before.get("tips"));
            assertThat(merged).contains("    \"ratio\": 2.50,");
            before.properties().forEach(e -> {
                if (e.getValue().isObject() && e.getValue().has("other")) {
                    assertThat(after.get(e.getKey()).get("other")).isEqualTo(e.getValue().get("other"));
                }
            });
            if (before.has("hooks")) {
                assertThat(after.get("hooks").get("Stop")).isEqualTo(before.get("hooks").get("Stop"));
                assertThat(after.get("hooks").get("SessionStart").get(0)).isEqualTo(before.get("hooks").get("SessionStart").get(0));
            }
        } else if (file.toString().endsWith(".toml")) {
            assertThat(merged).startsWith(original);
            assertThat(new TomlMapper().readTree(merged).at("/mcp_servers/docs/command").stringValue()).isEqualTo("docs-server");
        } else {
            assertThat(merged).startsWith(original);
        }
    }

    private Map<Path, byte[]> snapshot() throws IOException {
        Map<Path, byte[]> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(p, Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
