package dev.engram.setup;

import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A named entry in a JSON object of the file's root, such as {@code mcpServers.engram}; everything else is kept in order. */
record JsonEntry(Path file, String container, String name, ObjectNode value) implements Part {
    @Override
    public String kind() {
        return "mcp";
    }

    @Override
    public String what() {
        return "MCP server " + name + " (in \"" + container + "\")";
    }

    @Override
    public PartState state(String text) {
        JsonNode current = container(JsonText.parse(file, text).root(), false);
        JsonNode entry = current == null ? null : current.get(name);
        return entry == null ? PartState.ABSENT : entry.equals(value) ? PartState.CURRENT : PartState.OUTDATED;
    }

    /** Over HTTP when the entry names no {@code command} (it has a URL instead). */
    @Override
    public java.util.Optional<Transport> transport(String text) {
        JsonNode current = container(JsonText.parse(file, text).root(), false);
        JsonNode entry = current == null ? null : current.get(name);
        return entry == null ? java.util.Optional.empty() : java.util.Optional.of(entry.has("command") ? Transport.STDIO : Transport.HTTP);
    }

    @Override
    public String add(String text) {
        if (text != null && state(text) == PartState.CURRENT) {
            return text;
        }
        JsonText.Doc doc = JsonText.parse(file, text);
        container(doc.root(), true).set(name, value.deepCopy());
        return JsonText.write(doc);
    }

    @Override
    public String remove(String text) {
        if (text == null || state(text) == PartState.ABSENT) {
            return text;
        }
        JsonText.Doc doc = JsonText.parse(file, text);
        ObjectNode servers = container(doc.root(), false);
        servers.remove(name);
        if (servers.isEmpty()) {
            doc.root().remove(container);
        }
        return doc.root().isEmpty() ? null : JsonText.write(doc);
    }

    private ObjectNode container(ObjectNode root, boolean create) {
        JsonNode node = root.get(container);
        if (node == null) {
            return create ? root.putObject(container) : null;
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new MalformedConfigException(file, "\"" + container + "\" must be a JSON object, is " + node.getNodeType().name().toLowerCase());
    }
}
