package dev.engram.setup;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Command hooks in a settings file's {@code hooks} object (the layout Claude Code and Gemini CLI
 * share): per event, one group {@code {"hooks": [{"type": "command", "command": "<launcher> hook <arg>"}]}}.
 * A group is engram's when its only hook runs a program named {@code engram} with {@code hook <arg>};
 * every other group and event is left alone.
 */
record JsonHooks(Path file, Map<String, String> events, McpLaunch launch) implements Part {
    JsonHooks {
        events = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(events));
    }

    @Override
    public String kind() {
        return "hooks";
    }

    @Override
    public String what() {
        return "hooks " + String.join(", ", events.keySet());
    }

    ObjectNode group(String arg) {
        ObjectNode group = JsonNodeFactory.instance.objectNode();
        ObjectNode hook = group.putArray("hooks").addObject();
        hook.put("type", "command");
        hook.put("command", launch.hookCommand(arg));
        return group;
    }

    @Override
    public PartState state(String text) {
        ObjectNode hooks = hooks(JsonText.parse(file, text).root(), false);
        int ours = 0;
        boolean allCurrent = true;
        for (Map.Entry<String, String> e : events.entrySet()) {
            ArrayNode groups = hooks == null ? null : groups(hooks, e.getKey(), false);
            int found = 0;
            boolean current = false;
            for (int i = 0; groups != null && i < groups.size(); i++) {
                if (isOurs(groups.get(i), e.getValue())) {
                    found++;
                    current = groups.get(i).equals(group(e.getValue()));
                }
            }
            ours += found;
            allCurrent &= found == 1 && current;
        }
        return ours == 0 ? PartState.ABSENT : allCurrent ? PartState.CURRENT : PartState.OUTDATED;
    }

    @Override
    public String add(String text) {
        if (text != null && state(text) == PartState.CURRENT) {
            return text;
        }
        JsonText.Doc doc = JsonText.parse(file, text);
        ObjectNode hooks = hooks(doc.root(), true);
        for (Map.Entry<String, String> e : events.entrySet()) {
            ArrayNode groups = groups(hooks, e.getKey(), true);
            int first = -1;
            for (int i = groups.size() - 1; i >= 0; i--) {
                if (isOurs(groups.get(i), e.getValue())) {
                    if (first >= 0) {
                        groups.remove(first);
                    }
                    first = i;
                }
            }
            if (first >= 0) {
                groups.set(first, group(e.getValue()));
            } else {
                groups.add(group(e.getValue()));
            }
        }
        return JsonText.write(doc);
    }

    @Override
    public String remove(String text) {
        if (text == null || state(text) == PartState.ABSENT) {
            return text;
        }
        JsonText.Doc doc = JsonText.parse(file, text);
        ObjectNode hooks = hooks(doc.root(), false);
        for (Map.Entry<String, String> e : events.entrySet()) {
            ArrayNode groups = groups(hooks, e.getKey(), false);
            if (groups == null) {
                continue;
            }
            for (int i = groups.size() - 1; i >= 0; i--) {
                if (isOurs(groups.get(i), e.getValue())) {
                    groups.remove(i);
                }
            }
            if (groups.isEmpty()) {
                hooks.remove(e.getKey());
            }
        }
        if (hooks.isEmpty()) {
            doc.root().remove("hooks");
        }
        return doc.root().isEmpty() ? null : JsonText.write(doc);
    }

    /** True when the group's only hook runs {@code .../engram hook <arg>} (from this or another installation). */
    static boolean isOurs(JsonNode group, String arg) {
        JsonNode list = group.get("hooks");
        if (list == null || !list.isArray() || list.size() != 1) {
            return false;
        }
        JsonNode hook = list.get(0);
        JsonNode command = hook.get("command");
        if (command == null || !command.isString() || !"command".equals(hook.path("type").asString(""))) {
            return false;
        }
        String suffix = " hook " + arg;
        String c = command.stringValue().strip();
        if (!c.endsWith(suffix)) {
            return false;
        }
        String program = c.substring(0, c.length() - suffix.length()).strip();
        if (program.length() >= 2 && program.startsWith("'") && program.endsWith("'")) {
            program = program.substring(1, program.length() - 1).replace("'\\''", "'");
        }
        try {
            Path name = Path.of(program).getFileName();
            return name != null && name.toString().equals("engram");
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private ObjectNode hooks(ObjectNode root, boolean create) {
        JsonNode node = root.get("hooks");
        if (node == null) {
            return create ? root.putObject("hooks") : null;
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new MalformedConfigException(file, "\"hooks\" must be a JSON object, is " + node.getNodeType().name().toLowerCase());
    }

    private ArrayNode groups(ObjectNode hooks, String event, boolean create) {
        JsonNode node = hooks.get(event);
        if (node == null) {
            return create ? hooks.putArray(event) : null;
        }
        if (node instanceof ArrayNode array) {
            return array;
        }
        throw new MalformedConfigException(file, "\"hooks." + event + "\" must be a JSON array, is " + node.getNodeType().name().toLowerCase());
    }
}
