package dev.engram.cloud;

import dev.engram.protocol.ErrorCodes;
import dev.engram.protocol.ErrorDetail;
import dev.engram.protocol.MutationEntity;
import dev.engram.protocol.MutationOp;
import dev.engram.protocol.ProjectNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a push body in the contract's order: JSON and envelope, entry count, authorization of every
 * project (403 naming them), then validation of every entry (400 listing every problem): the
 * envelope, the payload's agreement with it ({@link EnvelopeAgreement}) and the sanity of its values.
 * The payload's text is kept byte for byte ({@link RawPayloads}), extra fields included.
 */
final class PushParser {
    static final int MAX_ID_LENGTH = 256;
    private static final int ECHO_LENGTH = 64;

    private final ObjectMapper json;
    private final int maxEntries;

    PushParser(ObjectMapper json, int maxEntries) {
        this.json = json;
        this.maxEntries = maxEntries;
    }

    /** The validated batch. @throws ApiException (400 or 403) when the push must be refused as a whole */
    List<NewMutation> parse(byte[] body, Principal caller) {
        JsonNode entries = envelope(body);
        authorize(entries, caller);
        List<ErrorDetail> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            validate(i, entries.get(i), problems);
        }
        if (!problems.isEmpty()) {
            Set<Integer> bad = new LinkedHashSet<>();
            problems.forEach(p -> bad.add(p.index()));
            throw ApiException.invalid(bad.size() + " of " + entries.size() + " entries are invalid; nothing was stored", problems);
        }
        List<String> payloads = RawPayloads.extract(json, body);
        List<NewMutation> batch = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            batch.add(NewMutation.of(e.get("mutation_id").stringValue(), e.get("project").stringValue(), e.get("entity").stringValue(),
                    e.get("entity_key").stringValue(), e.get("op").stringValue(), payloads.get(i)));
        }
        return batch;
    }

    private JsonNode envelope(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.invalid("body", "body is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("malformed"));
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw ApiException.invalid("body", "body must be a JSON object with an entries array");
        }
        JsonNode entries = root.get("entries");
        if (entries == null || !entries.isArray()) {
            throw ApiException.invalid("entries", "entries must be an array of mutations");
        }
        if (entries.size() > maxEntries) {
            throw ApiException.invalid("entries", "entries holds " + entries.size() + " mutations; this server accepts at most " + maxEntries + " per push");
        }
        return entries;
    }

    private static void authorize(JsonNode entries, Principal caller) {
        List<ErrorDetail> denied = new ArrayList<>();
        Set<String> projects = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode project = entries.get(i).get("project");
            if (project != null && project.isString() && !project.stringValue().isBlank()) {
                String normalized = ProjectNames.normalize(project.stringValue());
                if (!caller.granted(normalized)) {
                    projects.add(normalized);
                    denied.add(ErrorDetail.atEntry(i, "project", "project '" + echo(normalized) + "' is not granted to this token"));
                }
            }
        }
        if (!denied.isEmpty()) {
            throw new ApiException(403, ErrorCodes.FORBIDDEN,
                    "token is not granted project(s) " + String.join(", ", projects.stream().map(PushParser::echo).toList()), denied);
        }
    }

    private static void validate(int i, JsonNode e, List<ErrorDetail> problems) {
        if (!e.isObject()) {
            problems.add(ErrorDetail.atEntry(i, "entry", "must be a JSON object"));
            return;
        }
        text(i, e, "mutation_id", problems);
        String project = text(i, e, "project", problems);
        if (project != null && !ProjectNames.isNormalized(project)) {
            problems.add(ErrorDetail.atEntry(i, "project", "must be normalized (trimmed, lower-case, runs of - or _ collapsed): send '"
                    + echo(ProjectNames.normalize(project)) + "', not '" + echo(project) + "'"));
        }
        String entity = text(i, e, "entity", problems);
        if (entity != null && MutationEntity.fromWire(entity).isEmpty()) {
            problems.add(ErrorDetail.atEntry(i, "entity", "must be session, observation or prompt, was '" + echo(entity) + "'"));
        }
        String entityKey = text(i, e, "entity_key", problems);
        String op = text(i, e, "op", problems);
        if (op != null && MutationOp.fromWire(op).isEmpty()) {
            problems.add(ErrorDetail.atEntry(i, "op", "must be upsert or delete, was '" + echo(op) + "'"));
        }
        JsonNode payload = e.get("payload");
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            problems.add(ErrorDetail.atEntry(i, "payload", "is required"));
        } else if (!payload.isObject()) {
            problems.add(ErrorDetail.atEntry(i, "payload", "must be a JSON object, was " + kind(payload)));
        } else if ("delete".equals(op)) {
            JsonNode syncId = payload.get("sync_id");
            if (syncId == null || !syncId.isString() || syncId.stringValue().isBlank()) {
                problems.add(ErrorDetail.atEntry(i, "payload.sync_id", "a delete must carry a non-blank sync_id string"));
            }
            JsonNode deleted = payload.get("deleted");
            if (deleted == null || !deleted.isBoolean() || !deleted.booleanValue()) {
                problems.add(ErrorDetail.atEntry(i, "payload.deleted", "a delete must carry deleted: true"));
            }
        }
        if (payload != null && payload.isObject() && project != null && ProjectNames.isNormalized(project) && entityKey != null
                && entity != null && MutationEntity.fromWire(entity).isPresent() && op != null && MutationOp.fromWire(op).isPresent()) {
            EnvelopeAgreement.check(i, project, entity, entityKey, op, payload, problems);
        }
    }

    private static String text(int i, JsonNode e, String field, List<ErrorDetail> problems) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            problems.add(ErrorDetail.atEntry(i, field, "is required"));
            return null;
        }
        if (!v.isString()) {
            problems.add(ErrorDetail.atEntry(i, field, "must be a string, was " + kind(v)));
            return null;
        }
        String s = v.stringValue();
        if (s.isBlank()) {
            problems.add(ErrorDetail.atEntry(i, field, "must not be blank"));
            return null;
        }
        if (s.length() > MAX_ID_LENGTH) {
            problems.add(ErrorDetail.atEntry(i, field, "must be at most " + MAX_ID_LENGTH + " characters, was " + s.length()));
            return null;
        }
        return s;
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case NULL -> "null";
            default -> "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A value quoted back to the caller: short, and without control characters. */
    static String echo(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= ECHO_LENGTH ? clean : clean.substring(0, ECHO_LENGTH) + "...";
    }
}
