package dev.engram.setup;

import dev.engram.base.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The coding agents setup knows, with where each keeps its MCP servers, its instruction file and its
 * hooks for each scope. docs/agents.md cites the agent's documentation for every location.
 */
public enum Agent {
    CLAUDE_CODE("claude-code", "Claude Code", "claude mcp list") {
        @Override
        List<Part> parts(Scope scope, Places at, McpLaunch launch, String instructions) {
            Path settings = scope == Scope.USER ? at.home().resolve(".claude/settings.json") : at.project().resolve(".claude/settings.json");
            return List.of(
                    new JsonEntry(scope == Scope.USER ? at.home().resolve(".claude.json") : at.project().resolve(".mcp.json"),
                            "mcpServers", "engram", server(launch, true, "http", "url")),
                    new MarkedBlock(scope == Scope.USER ? at.home().resolve(".claude/CLAUDE.md") : at.project().resolve("CLAUDE.md"),
                            instructions, ""),
                    new JsonHooks(settings, events("SessionStart", "session-start", "PreCompact", "pre-compact", "SessionEnd", "session-end"),
                            launch));
        }
    },
    CODEX("codex", "Codex CLI", "codex mcp list") {
        @Override
        List<Part> parts(Scope scope, Places at, McpLaunch launch, String instructions) {
            Path dir = scope == Scope.USER ? at.codexHome() : at.project().resolve(".codex");
            return List.of(new TomlTable(dir.resolve("config.toml"), launch),
                    new MarkedBlock(scope == Scope.USER ? at.codexHome().resolve("AGENTS.md") : at.project().resolve("AGENTS.md"),
                            instructions, ""));
        }
    },
    GEMINI_CLI("gemini-cli", "Gemini CLI", "gemini mcp list") {
        @Override
        List<Part> parts(Scope scope, Places at, McpLaunch launch, String instructions) {
            Path settings = scope == Scope.USER ? at.home().resolve(".gemini/settings.json") : at.project().resolve(".gemini/settings.json");
            return List.of(new JsonEntry(settings, "mcpServers", "engram", server(launch, false, null, "httpUrl")),
                    new MarkedBlock(scope == Scope.USER ? at.home().resolve(".gemini/GEMINI.md") : at.project().resolve("GEMINI.md"),
                            instructions, ""),
                    new JsonHooks(settings, events("SessionStart", "session-start", "PreCompress", "pre-compact", "SessionEnd", "session-end"),
                            launch));
        }
    },
    OPENCODE("opencode", "OpenCode", "opencode mcp list") {
        @Override
        List<Part> parts(Scope scope, Places at, McpLaunch launch, String instructions) {
            Path dir = scope == Scope.USER ? at.xdgConfig().resolve("opencode") : at.project();
            ObjectNode entry = JsonNodeFactory.instance.objectNode();
            if (launch.http() == null) {
                entry.put("type", "local");
                launch.commandLine().forEach(entry.putArray("command")::add);
            } else {
                entry.put("type", "remote");
                entry.put("url", launch.http().url().toString());
                entry.putObject("headers").put("Authorization", launch.http().authorization());
            }
            entry.put("enabled", true);
            return List.of(new JsonEntry(dir.resolve("opencode.json"), "mcp", "engram", entry),
                    new MarkedBlock(dir.resolve("AGENTS.md"), instructions, ""));
        }
    },
    CURSOR("cursor", "Cursor", "Cursor: Settings > MCP") {
        @Override
        List<Part> parts(Scope scope, Places at, McpLaunch launch, String instructions) {
            if (scope == Scope.USER) { // Cursor's user rules live in its settings, not in a file
                return List.of(new JsonEntry(at.home().resolve(".cursor/mcp.json"), "mcpServers", "engram", server(launch, false, null, "url")));
            }
            return List.of(new JsonEntry(at.project().resolve(".cursor/mcp.json"), "mcpServers", "engram", server(launch, false, null, "url")),
                    new MarkedBlock(at.project().resolve(".cursor/rules/engram.mdc"), instructions,
                            "---\ndescription: Engram memory: when to search and save\nalwaysApply: true\n---\n"));
        }
    },
    VSCODE("vscode", "VS Code (GitHub Copilot)", "VS Code: MCP: List Servers") {
        @Override
        List<Part> parts(Scope scope, Places at, McpLaunch launch, String instructions) {
            if (scope == Scope.USER) { // user-level instructions live in the profile's prompt files, managed by VS Code
                return List.of(new JsonEntry(at.vscodeUser().resolve("mcp.json"), "servers", "engram", server(launch, true, "http", "url")));
            }
            return List.of(new JsonEntry(at.project().resolve(".vscode/mcp.json"), "servers", "engram", server(launch, true, "http", "url")),
                    new MarkedBlock(at.project().resolve(".github/copilot-instructions.md"), instructions, ""));
        }
    },
    WINDSURF("windsurf", "Windsurf", "Windsurf: Cascade > MCP servers") {
        @Override
        List<Part> parts(Scope scope, Places at, McpLaunch launch, String instructions) {
            if (scope == Scope.PROJECT) {
                throw new InvalidInputException("--scope", "windsurf reads MCP servers only from ~/.codeium/windsurf/mcp_config.json;"
                        + " run 'engram setup windsurf' (user scope)");
            }
            Path dir = at.home().resolve(".codeium/windsurf");
            return List.of(new JsonEntry(dir.resolve("mcp_config.json"), "mcpServers", "engram", server(launch, false, null, "serverUrl")),
                    new MarkedBlock(dir.resolve("memories/global_rules.md"), instructions, ""));
        }

        @Override
        public List<Scope> scopes() {
            return List.of(Scope.USER);
        }
    };

    private final String id;
    private final String displayName;
    private final String check;

    Agent(String id, String displayName, String check) {
        this.id = id;
        this.displayName = displayName;
        this.check = check;
    }

    /** The files and entries setup manages for this agent in {@code scope}. */
    abstract List<Part> parts(Scope scope, Places at, McpLaunch launch, String instructions);

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** How the user sees the server in the agent afterwards. */
    public String check() {
        return check;
    }

    public List<Scope> scopes() {
        return List.of(Scope.USER, Scope.PROJECT);
    }

    public static Agent parse(String value) {
        for (Agent a : values()) {
            if (a.id.equals(value)) {
                return a;
            }
        }
        throw new InvalidInputException("agent", "unknown agent '" + value + "'; known: "
                + Arrays.stream(values()).map(Agent::id).collect(Collectors.joining(", ")));
    }

    /**
     * The JSON server entry: over stdio {@code command} and {@code args} (with {@code "type": "stdio"}
     * when {@code typed}); over HTTP the URL under the agent's key for it ({@code urlKey}), with
     * {@code "type": httpType} when that is not null, and the {@code Authorization} header.
     */
    private static ObjectNode server(McpLaunch launch, boolean typed, String httpType, String urlKey) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        if (launch.http() != null) {
            if (httpType != null) {
                entry.put("type", httpType);
            }
            entry.put(urlKey, launch.http().url().toString());
            entry.putObject("headers").put("Authorization", launch.http().authorization());
            return entry;
        }
        if (typed) {
            entry.put("type", "stdio");
        }
        entry.put("command", launch.command());
        McpLaunch.MCP_ARGS.forEach(entry.putArray("args")::add);
        return entry;
    }

    private static Map<String, String> events(String... pairs) {
        Map<String, String> events = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            events.put(pairs[i], pairs[i + 1]);
        }
        return events;
    }

    static List<Part> partsOrEmpty(Agent agent, Scope scope, Places at, McpLaunch launch, String instructions) {
        return agent.scopes().contains(scope) ? agent.parts(scope, at, launch, instructions) : new ArrayList<>();
    }
}
