package dev.engram.setup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Codex's {@code [mcp_servers.engram]} table in {@code config.toml}, edited line by line so every
 * other byte (other tables, comments, layout) stays as it was. The file is parsed before and after
 * each edit, and the edit is refused unless the parsed result is exactly the original plus (or
 * minus) this one table.
 */
record TomlTable(Path file, McpLaunch launch) implements Part {
    private static final TomlMapper TOML = new TomlMapper();
    private static final String KEY = "(?:engram|\"engram\"|'engram')";
    private static final Pattern OUR_HEADER = Pattern.compile("^\\s*\\[\\s*mcp_servers\\s*\\.\\s*" + KEY + "\\s*\\]\\s*(#.*)?$");
    private static final Pattern OUR_SUBTABLE = Pattern.compile("^\\s*\\[\\s*mcp_servers\\s*\\.\\s*" + KEY + "\\s*\\.");
    private static final Pattern ANY_HEADER = Pattern.compile("^\\s*\\[\\[?\\s*[A-Za-z0-9_\"'. -]+\\]\\]?\\s*(#.*)?$");

    @Override
    public String kind() {
        return "mcp";
    }

    @Override
    public String what() {
        return "MCP server engram (table [mcp_servers.engram])";
    }

    String table() {
        if (launch.http() != null) {
            return "[mcp_servers.engram]\nurl = " + quote(launch.http().url().toString()) + "\nhttp_headers = { Authorization = "
                    + quote(launch.http().authorization()) + " }\n";
        }
        StringBuilder args = new StringBuilder();
        for (String a : McpLaunch.MCP_ARGS) {
            args.append(args.isEmpty() ? "" : ", ").append(quote(a));
        }
        return "[mcp_servers.engram]\ncommand = " + quote(launch.command()) + "\nargs = [" + args + "]\n";
    }

    ObjectNode expected() {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        if (launch.http() != null) {
            entry.put("url", launch.http().url().toString());
            entry.putObject("http_headers").put("Authorization", launch.http().authorization());
            return entry;
        }
        entry.put("command", launch.command());
        McpLaunch.MCP_ARGS.forEach(entry.putArray("args")::add);
        return entry;
    }

    @Override
    public PartState state(String text) {
        JsonNode entry = parse(text).path("mcp_servers").get("engram");
        return entry == null ? PartState.ABSENT : entry.equals(expected()) ? PartState.CURRENT : PartState.OUTDATED;
    }

    @Override
    public java.util.Optional<Transport> transport(String text) {
        JsonNode entry = parse(text).path("mcp_servers").get("engram");
        return entry == null ? java.util.Optional.empty() : java.util.Optional.of(entry.has("url") ? Transport.HTTP : Transport.STDIO);
    }

    @Override
    public String add(String text) {
        ObjectNode before = parse(text);
        if (state(text) == PartState.CURRENT && text != null) {
            return text;
        }
        List<String> lines = lines(text);
        int[] at = find(lines, before);
        String result;
        if (at != null) {
            List<String> edited = new ArrayList<>(lines.subList(0, at[0]));
            edited.add(table());
            edited.addAll(lines.subList(at[1], lines.size()));
            result = String.join("", edited);
        } else {
            String t = text == null ? "" : text;
            if (!t.isEmpty() && !t.endsWith("\n")) {
                t += "\n";
            }
            result = t + (t.isEmpty() ? "" : "\n") + table();
        }
        ObjectNode wanted = before.deepCopy();
        JsonNode servers = wanted.get("mcp_servers");
        (servers instanceof ObjectNode o ? o : wanted.putObject("mcp_servers")).set("engram", expected());
        verify(result, wanted);
        return result;
    }

    @Override
    public String remove(String text) {
        if (text == null) {
            return null;
        }
        ObjectNode before = parse(text);
        List<String> lines = lines(text);
        int[] at = find(lines, before);
        if (at == null) {
            return text;
        }
        int start = at[0];
        if (start > 0 && lines.get(start - 1).isBlank()) {
            start--;
        }
        List<String> edited = new ArrayList<>(lines.subList(0, start));
        edited.addAll(lines.subList(at[1], lines.size()));
        String result = String.join("", edited);
        ObjectNode wanted = before.deepCopy();
        ObjectNode servers = (ObjectNode) wanted.get("mcp_servers");
        servers.remove("engram");
        ObjectNode withoutEmpty = wanted.deepCopy();
        if (servers.isEmpty()) {
            withoutEmpty.remove("mcp_servers");
        }
        ObjectNode after = parse(result);
        if (!after.equals(wanted) && !after.equals(withoutEmpty)) {
            throw unsafe();
        }
        return result.isBlank() ? null : result;
    }

    /** The lines of the table (header to its last key, sub-tables included), or null when the file has none. */
    private int[] find(List<String> lines, ObjectNode parsed) {
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (OUR_HEADER.matcher(strip(lines.get(i))).matches()) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            if (parsed.path("mcp_servers").has("engram")) {
                throw new MalformedConfigException(file, "defines mcp_servers.engram as an inline table or dotted keys, which engram setup"
                        + " does not edit; write it as a [mcp_servers.engram] table or remove it by hand");
            }
            return null;
        }
        int end = lines.size();
        for (int i = header + 1; i < lines.size(); i++) {
            String line = strip(lines.get(i));
            if (ANY_HEADER.matcher(line).matches() && !OUR_SUBTABLE.matcher(line).find()) {
                end = i;
                break;
            }
        }
        while (end - 1 > header && (lines.get(end - 1).isBlank() || lines.get(end - 1).strip().startsWith("#"))) {
            end--;
        }
        return new int[] {header, end};
    }

    private void verify(String result, ObjectNode wanted) {
        if (!parse(result).equals(wanted)) {
            throw unsafe();
        }
    }

    private MalformedConfigException unsafe() {
        return new MalformedConfigException(file, "its layout around [mcp_servers.engram] cannot be edited line by line safely;"
                + " edit the table by hand (see docs/agents.md)");
    }

    private ObjectNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = TOML.readTree(text);
            return node instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        } catch (JacksonException e) {
            throw new MalformedConfigException(file, "not valid TOML: " + e.getOriginalMessage());
        }
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text == null) {
            return lines;
        }
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            int to = nl < 0 ? text.length() : nl + 1;
            lines.add(text.substring(from, to));
            from = to;
        }
        return lines;
    }

    private static String strip(String line) {
        return line.replace("\r", "").replace("\n", "");
    }

    /** A TOML basic string. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
