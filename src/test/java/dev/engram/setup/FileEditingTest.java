package dev.engram.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.dataformat.toml.TomlMapper;

/** The edge cases of each file format: comments, odd layouts, stale entries, links and file modes. */
class FileEditingTest {
    @TempDir
    Path dir;

    private final McpLaunch launch = new McpLaunch(Path.of("/opt/engram/bin/engram"));

    @Test
    void aJsoncFileWithCommentsIsRefusedRatherThanStrippedOfThem() {
        JsonEntry entry = new JsonEntry(dir.resolve(".vscode/mcp.json"), "servers", "engram",
                tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("command", "x"));
        String jsonc = "{\n  // my servers\n  \"servers\": {\"a\": {\"command\": \"a\"},},\n}\n";
        assertThatThrownBy(() -> entry.add(jsonc)).isInstanceOf(MalformedConfigException.class)
                .hasMessageContaining(dir.resolve(".vscode/mcp.json").toString()).hasMessageContaining("comments");
    }

    @Test
    void nonObjectsAndDuplicateKeysAreRefusedNamingTheProblem() {
        JsonEntry entry = new JsonEntry(dir.resolve("a.json"), "mcpServers", "engram",
                tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("command", "x"));
        assertThatThrownBy(() -> entry.add("[1, 2]")).hasMessageContaining("must hold a JSON object");
        assertThatThrownBy(() -> entry.add("{\"mcpServers\": []}")).hasMessageContaining("\"mcpServers\" must be a JSON object");
        assertThatThrownBy(() -> entry.add("{\"a\": 1, \"a\": 2}")).hasMessageContaining("not valid JSON").hasMessageContaining("line 1");
        assertThatThrownBy(() -> entry.add("{} {}")).hasMessageContaining("not valid JSON");
    }

    @Test
    void aStaleEntryFromAnotherInstallationIsReplacedInPlace() {
        ObjectNodeBuilder b = new ObjectNodeBuilder();
        JsonEntry entry = new JsonEntry(dir.resolve("a.json"), "mcpServers", "engram", b.entry("/new/engram"));
        String old = "{\n  \"mcpServers\": {\n    \"a\": {},\n    \"engram\": {\n      \"command\": \"/old/engram\"\n    },\n    \"z\": {}\n  }\n}\n";
        assertThat(entry.state(old)).isEqualTo(PartState.OUTDATED);
        String updated = entry.add(old);
        assertThat(updated).contains("/new/engram").doesNotContain("/old/engram");
        assertThat(updated.indexOf("\"a\"")).isLessThan(updated.indexOf("\"engram\""));
        assertThat(updated.indexOf("\"engram\"")).isLessThan(updated.indexOf("\"z\""));
    }

    @Test
    void hooksOfAnotherEngramInstallationAreRecognisedAndReplacedButOtherHooksStay() {
        JsonHooks hooks = new JsonHooks(dir.resolve("settings.json"), Map.of("SessionStart", "session-start"), launch);
        String old = "{\"hooks\": {\"SessionStart\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"'/old place/engram' hook session-start\"}]},"
                + " {\"hooks\": [{\"type\": \"command\", \"command\": \"/usr/bin/notengram hook session-start\"}]}]}}";
        assertThat(hooks.state(old)).isEqualTo(PartState.OUTDATED);
        String updated = hooks.add(old);
        assertThat(updated).contains("/opt/engram/bin/engram hook session-start", "notengram").doesNotContain("old place");
        assertThat(hooks.remove(updated)).contains("notengram").doesNotContain("/opt/engram");
    }

    @Test
    void aLauncherPathWithSpacesIsQuotedForTheHookShell() {
        assertThat(new McpLaunch(Path.of("/my tools/it's/engram")).hookCommand("session-start"))
                .isEqualTo("'/my tools/it'\\''s/engram' hook session-start");
        assertThat(JsonHooks.isOurs(new ObjectNodeBuilder().hookGroup("'/my tools/it'\\''s/engram' hook pre-compact"), "pre-compact")).isTrue();
    }

    @Test
    void theInstructionBlockIsReplacedInPlaceAndBrokenMarkersAreRefused() {
        MarkedBlock block = new MarkedBlock(dir.resolve("AGENTS.md"), "new text", "");
        String old = "top\n\n" + MarkedBlock.BEGIN + "\nold text\n" + MarkedBlock.END + "\n\nbottom\n";
        assertThat(block.state(old)).isEqualTo(PartState.OUTDATED);
        assertThat(block.add(old)).isEqualTo("top\n\n" + MarkedBlock.BEGIN + "\nnew text\n" + MarkedBlock.END + "\n\nbottom\n");
        assertThat(block.remove(old)).isEqualTo("top\n\nbottom\n");
        assertThatThrownBy(() -> block.add("x " + MarkedBlock.BEGIN + "\n")).isInstanceOf(MalformedConfigException.class)
                .hasMessageContaining("AGENTS.md");
        assertThatThrownBy(() -> block.add(MarkedBlock.BEGIN + MarkedBlock.END + MarkedBlock.BEGIN + MarkedBlock.END))
                .isInstanceOf(MalformedConfigException.class);
    }

    @Test
    void aFileWithoutAFinalNewlineGetsOneAndKeepsItAfterUninstall() {
        MarkedBlock block = new MarkedBlock(dir.resolve("CLAUDE.md"), "text", "");
        assertThat(block.remove(block.add("no newline"))).isEqualTo("no newline\n");
    }

    @Test
    void tomlCommentsOtherTablesAndLayoutSurviveAnEditInTheMiddleOfTheFile() {
        TomlTable table = new TomlTable(dir.resolve("config.toml"), launch);
        String old = """
                model = "o3" # comment

                [mcp_servers.engram] # mine
                command = "/old/engram"
                args = ["mcp"]
                env = { A = "1" }

                # about docs
                [mcp_servers.docs]
                command = "docs"
                """;
        assertThat(table.state(old)).isEqualTo(PartState.OUTDATED);
        String updated = table.add(old);
        assertThat(updated).isEqualTo("""
                model = "o3" # comment

                [mcp_servers.engram]
                command = "/opt/engram/bin/engram"
                args = ["mcp", "--tools", "agent"]

                # about docs
                [mcp_servers.docs]
                command = "docs"
                """);
        assertThat(table.remove(updated)).isEqualTo("""
                model = "o3" # comment

                # about docs
                [mcp_servers.docs]
                command = "docs"
                """);
    }

    @Test
    void anInlineTomlEntryIsRefusedRatherThanDuplicated() {
        TomlTable table = new TomlTable(dir.resolve("config.toml"), launch);
        String inline = "[mcp_servers]\nengram = { command = \"x\" }\n";
        assertThatThrownBy(() -> table.add(inline)).isInstanceOf(MalformedConfigException.class).hasMessageContaining("inline table");
        assertThatThrownBy(() -> table.remove(inline)).isInstanceOf(MalformedConfigException.class);
        assertThatThrownBy(() -> table.add("a = \"unterminated\n")).hasMessageContaining("not valid TOML");
    }

    @Test
    void tomlStringsAreEscaped() {
        TomlTable table = new TomlTable(dir.resolve("config.toml"), new McpLaunch(Path.of("/a \"b\"\\c/engram")));
        String text = table.add(null);
        assertThat(new TomlMapper().readTree(text).at("/mcp_servers/engram/command").stringValue()).isEqualTo("/a \"b\"\\c/engram");
    }

    @Test
    void writesKeepTheFileModeAndFollowALinkToItsTarget() throws IOException {
        Path real = dir.resolve("dotfiles/settings.json");
        Files.createDirectories(real.getParent());
        Files.writeString(real, "{\"theme\": \"dark\"}\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
        Path link = dir.resolve("home/.gemini/settings.json");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, real);

        new ConfigFiles().write(link, "{\"theme\": \"light\"}\n");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("{\"theme\": \"light\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-------");
        assertThat(dir.resolve("dotfiles/settings.json.engram-backup")).hasContent("{\"theme\": \"dark\"}");
        try (var left = Files.list(real.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("settings.json", "settings.json.engram-backup");
        }
    }

    @Test
    void nonUtf8AndOversizedFilesAreRefused() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.write(bad, new byte[] {'{', (byte) 0xff, '}'});
        assertThatThrownBy(() -> new ConfigFiles().read(bad)).hasMessageContaining("not UTF-8").hasMessageContaining(bad.toString());
        Files.createDirectories(dir.resolve("dir.json"));
        assertThatThrownBy(() -> new ConfigFiles().read(dir.resolve("dir.json"))).hasMessageContaining("not a regular file");
    }

    @Test
    void aFileTheAgentRewritesBetweenPlanAndWriteIsNotOverwritten() throws IOException {
        Path home = dir.resolve("home");
        Setup setup = new Setup(new Places(home, dir.resolve("project"), Map.of(), "Linux"), launch, "text");
        Files.createDirectories(home.resolve(".gemini"));
        Files.writeString(home.resolve(".gemini/settings.json"), "{}\n");
        var plan = setup.plan(Agent.GEMINI_CLI, Scope.USER, false);
        Files.writeString(home.resolve(".gemini/settings.json"), "{\"theme\": \"new\"}\n");

        assertThatThrownBy(() -> setup.apply(plan)).hasMessageContaining("changed while engram setup ran");
        assertThat(Files.readString(home.resolve(".gemini/settings.json"))).isEqualTo("{\"theme\": \"new\"}\n");
    }

    /** Small builders for JSON fixtures. */
    static final class ObjectNodeBuilder {
        tools.jackson.databind.node.ObjectNode entry(String command) {
            return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("command", command);
        }

        tools.jackson.databind.node.ObjectNode hookGroup(String command) {
            tools.jackson.databind.node.ObjectNode group = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            group.putArray("hooks").addObject().put("type", "command").put("command", command);
            return group;
        }
    }
}
