package dev.engram.transport;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON bodies of contract 8.1 and 8.2. Writing embeds each journal payload as it is (it is already
 * the entity's wire JSON); reading is strict about the envelope (a malformed envelope is a
 * {@link FailureKind#MALFORMED_RESPONSE}) and lenient about each mutation's content, which the sync
 * engine judges and sets aside when it cannot apply it.
 */
final class WireJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WireJson() {
    }

    static String pushRequest(List<OutboundMutation> batch) {
        StringWriter out = new StringWriter(256 * batch.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeName("entries");
            g.writeStartArray();
            for (OutboundMutation m : batch) {
                g.writeStartObject();
                g.writeName("mutation_id").writeString(m.mutationId());
                g.writeName("project").writeString(m.project());
                g.writeName("entity").writeString(m.entity());
                g.writeName("entity_key").writeString(m.entityKey());
                g.writeName("op").writeString(m.op());
                g.writeName("payload").writeRawValue(m.payloadJson());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toString();
    }

    static PushAck pushResponse(byte[] body, String request) {
        JsonNode root = parse(body, request);
        JsonNode seqs = root.get("accepted_seqs");
        if (seqs == null || !seqs.isArray()) {
            throw TransportException.malformed(request + ": response has no accepted_seqs array");
        }
        List<Long> accepted = new ArrayList<>(seqs.size());
        for (JsonNode seq : seqs) {
            if (!seq.isIntegralNumber()) {
                throw TransportException.malformed(request + ": accepted_seqs holds a non-integer");
            }
            accepted.add(seq.longValue());
        }
        return new PushAck(accepted);
    }

    static PullPage pullResponse(byte[] body, String request) {
        JsonNode root = parse(body, request);
        JsonNode mutations = root.get("mutations");
        JsonNode hasMore = root.get("has_more");
        JsonNode latest = root.get("latest_seq");
        if (mutations == null || !mutations.isArray() || hasMore == null || !hasMore.isBoolean() || latest == null
                || !latest.isIntegralNumber()) {
            throw TransportException.malformed(request + ": response lacks mutations, has_more or latest_seq");
        }
        List<PulledMutation> page = new ArrayList<>(mutations.size());
        for (JsonNode m : mutations) {
            JsonNode seq = m.get("seq");
            if (!m.isObject() || seq == null || !seq.isIntegralNumber()) {
                throw TransportException.malformed(request + ": a mutation has no integer seq");
            }
            JsonNode payload = m.get("payload");
            page.add(new PulledMutation(seq.longValue(), text(m, "mutation_id"), text(m, "project"), text(m, "entity"),
                    text(m, "entity_key"), text(m, "op"), payload == null || payload.isNull() ? null : payload.toString(),
                    time(m, "occurred_at")));
        }
        return new PullPage(page, hasMore.booleanValue(), latest.longValue(), text(root, "server_id"));
    }

    /** What an error body says: the server's {@code error_code} and {@code error} (or nulls) and the entries it names. */
    record ErrorBody(String code, String message, List<RefusedEntry> entries) {
        static final ErrorBody NONE = new ErrorBody(null, null, List.of());
    }

    static ErrorBody errorBody(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException | NullPointerException e) {
            return ErrorBody.NONE;
        }
        if (root == null || !root.isObject()) {
            return ErrorBody.NONE;
        }
        List<RefusedEntry> entries = new ArrayList<>();
        JsonNode details = root.get("details");
        if (details != null && details.isArray()) {
            for (JsonNode d : details) {
                JsonNode index = d.get("index");
                if (index != null && index.canConvertToInt() && index.isIntegralNumber() && index.intValue() >= 0) {
                    entries.add(new RefusedEntry(index.intValue(), text(d, "field"), text(d, "problem")));
                }
            }
        }
        return new ErrorBody(text(root, "error_code"), text(root, "error"), entries);
    }

    private static JsonNode parse(byte[] body, String request) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw TransportException.malformed(request + ": response is not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw TransportException.malformed(request + ": response is not valid JSON");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || !v.isString() ? null : v.stringValue();
    }

    private static Instant time(JsonNode n, String field) {
        String text = text(n, field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
