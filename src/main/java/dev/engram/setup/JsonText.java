package dev.engram.setup;

import dev.engram.base.JsonStrings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an agent's JSON file into a tree that keeps key order, and writes it back the way
 * {@code JSON.stringify(value, null, indent)} does (the agents' own layout), with the original
 * file's indentation and final newline. A file with comments or trailing commas (JSONC) is refused
 * rather than rewritten without them.
 */
final class JsonText {
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final JsonMapper JSONC = STRICT.rebuild()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    /** The parsed object and the layout to write it back in. */
    record Doc(ObjectNode root, String indent, boolean finalNewline) {
    }

    private JsonText() {
    }

    /** Parses {@code text} (null or blank: a new, empty object). */
    static Doc parse(Path file, String text) {
        if (text == null || text.isBlank()) {
            return new Doc(STRICT.createObjectNode(), "  ", true);
        }
        JsonNode node;
        try {
            node = STRICT.readTree(text);
        } catch (JacksonException strict) {
            if (parsesAsJsonc(text)) {
                throw new MalformedConfigException(file, "has comments or trailing commas (JSONC), which engram setup would lose;"
                        + " add the entry by hand (see docs/agents.md)");
            }
            throw new MalformedConfigException(file, "not valid JSON: " + strict.getOriginalMessage()
                    + (strict.getLocation() == null ? "" : " at line " + strict.getLocation().getLineNr()
                    + ", column " + strict.getLocation().getColumnNr()));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedConfigException(file, "must hold a JSON object, holds " + node.getNodeType().name().toLowerCase());
        }
        return new Doc(object, indentOf(text), text.endsWith("\n"));
    }

    private static boolean parsesAsJsonc(String text) {
        try {
            JSONC.readTree(text);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** The indentation of the first indented line, or two spaces. */
    static String indentOf(String text) {
        int i = text.indexOf('\n');
        while (i >= 0 && i + 1 < text.length()) {
            int j = i + 1;
            while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                j++;
            }
            if (j > i + 1 && j < text.length() && text.charAt(j) != '\n' && text.charAt(j) != '\r') {
                return text.substring(i + 1, j);
            }
            i = text.indexOf('\n', i + 1);
        }
        return "  ";
    }

    static String write(Doc doc) {
        StringBuilder out = new StringBuilder();
        write(doc.root(), doc.indent(), "", out);
        if (doc.finalNewline()) {
            out.append('\n');
        }
        return out.toString();
    }

    private static void write(JsonNode node, String indent, String current, StringBuilder out) {
        String inner = current + indent;
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(inner);
                JsonStrings.quote(field.getKey(), out);
                out.append(": ");
                write(field.getValue(), indent, inner, out);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            out.append(current).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                out.append(inner);
                write(node.get(i), indent, inner, out);
                out.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            out.append(current).append(']');
        } else if (node.isString()) {
            JsonStrings.quote(node.stringValue(), out);
        } else if (node.isBigDecimal()) {
            BigDecimal d = node.decimalValue();
            out.append(d.toString());
        } else {
            out.append(node.toString());
        }
    }
}
