package dev.engram.cloud;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * Cuts each entry's {@code payload} out of a push body exactly as the client sent it (byte for
 * byte), so the server stores it verbatim without serializing it again. Runs only on a body that
 * already passed validation, so its shape is known: an object with an {@code entries} array of
 * objects. As with the tree reader, the last of duplicate keys wins.
 */
final class RawPayloads {
    private RawPayloads() {
    }

    static List<String> extract(ObjectMapper json, byte[] body) {
        List<String> payloads = new ArrayList<>();
        try (JsonParser p = json.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("entries") && value == JsonToken.START_ARRAY) {
                    payloads.clear();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        payloads.add(entryPayload(p, body));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return payloads;
    }

    /** Reads one entry object (the parser is on its START_OBJECT) and returns its payload's text. */
    private static String entryPayload(JsonParser p, byte[] body) {
        String payload = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("payload") && value == JsonToken.START_OBJECT) {
                int start = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int end = (int) p.currentTokenLocation().getByteOffset() + 1;
                payload = new String(body, start, end - start, StandardCharsets.UTF_8);
            } else {
                p.skipChildren();
            }
        }
        return payload;
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("push body changed shape between validation and extraction: " + actual);
        }
    }
}
