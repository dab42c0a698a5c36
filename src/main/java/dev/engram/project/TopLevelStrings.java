package dev.engram.project;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The top-level string fields of a small JSON object ({@code .engram/config.json}, an agent's hook input),
 * read with Jackson's streaming parser alone: no data binding, so a fresh process pays little to load it.
 * Nested values and non-string values are skipped; a document that is not one JSON object is refused.
 */
public final class TopLevelStrings {
    private static final JsonFactory JSON = new JsonFactory();

    private TopLevelStrings() {
    }

    /** @throws IllegalArgumentException naming what is wrong, when {@code text} is not a JSON object */
    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    out.putIfAbsent(name, p.getString());
                } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("text after the JSON object");
            }
            return out;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
        }
    }
}
