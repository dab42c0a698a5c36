package dev.engram.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A tool's input JSON schema, built by hand: an object of named, typed, documented arguments. */
final class Schema {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    static Schema object() {
        return new Schema();
    }

    Schema string(String name, boolean isRequired, String description) {
        return add(name, isRequired, Map.of("type", "string", "description", description));
    }

    Schema oneOf(String name, List<String> values, String description) {
        return add(name, false, Map.of("type", "string", "enum", values, "description", description));
    }

    Schema integer(String name, boolean isRequired, int minimum, String description) {
        return add(name, isRequired, Map.of("type", "integer", "minimum", minimum, "description", description));
    }

    Schema integer(String name, int minimum, int maximum, String description) {
        return add(name, false, Map.of("type", "integer", "minimum", minimum, "maximum", maximum, "description", description));
    }

    Schema bool(String name, String description) {
        return add(name, false, Map.of("type", "boolean", "description", description));
    }

    private Schema add(String name, boolean isRequired, Map<String, Object> property) {
        properties.put(name, property);
        if (isRequired) {
            required.add(name);
        }
        return this;
    }

    /** Every argument a call must give, in declaration order, each with the reason to add to its error ("" for none). */
    Map<String, String> requiredArguments() {
        Map<String, String> all = new LinkedHashMap<>();
        for (String name : properties.keySet()) {
            if (required.contains(name)) {
                all.put(name, "");
            }
        }
        return all;
    }

    Set<String> names() {
        return Set.copyOf(properties.keySet());
    }

    Map<String, Object> toMap() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
