package dev.engram.protocol;

import dev.engram.base.Limits;
import dev.engram.base.ProjectNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Whether one mutation is acceptable (contract 8.5): its envelope is complete, its payload agrees with
 * the envelope (same project, same key) and every value is in range ({@link Limits}). The cloud server
 * runs it on every pushed entry (400 listing the problems) and a replica on every pulled mutation
 * (set aside with the problems as its reason), so one rule decides both sides. It checks and never
 * throws: every problem found is returned, none is fatal to the check itself.
 */
public final class MutationCheck {
    private static final int ECHO_CHARS = 64;

    /** Payload string fields that are identifiers or labels, with the entities that carry them. */
    private static final List<String> KEY_FIELDS = List.of("sync_id", "id", "session_id", "topic_key", "type", "tool_name", "project");
    private static final List<String> TIME_FIELDS = List.of("created_at", "updated_at", "deleted_at", "started_at", "ended_at");

    private MutationCheck() {
    }

    /** The envelope of a mutation, as pushed or pulled; any field may be null when the sender left it out. */
    public record Envelope(String mutationId, String project, String entity, String entityKey, String op) { }

    /** Checks one push entry as it arrived (any JSON at all); {@code index} is its position in the push. */
    public static List<ErrorDetail> checkEntry(int index, JsonNode entry, Instant now) {
        Problems problems = new Problems(index);
        if (entry == null || !entry.isObject()) {
            problems.add("entry", "must be a JSON object");
            return problems.list;
        }
        Envelope envelope = new Envelope(envelopeText(entry, "mutation_id", problems), envelopeText(entry, "project", problems),
                envelopeText(entry, "entity", problems), envelopeText(entry, "entity_key", problems), envelopeText(entry, "op", problems));
        JsonNode payload = entry.get("payload");
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            problems.add("payload", "is required");
        } else if (!payload.isObject()) {
            problems.add("payload", "must be a JSON object, was " + kind(payload));
        }
        checkEnvelopeValues(envelope, problems);
        if (payload != null && payload.isObject()) {
            checkPayload(envelope, payload, now, problems);
        }
        return problems.list;
    }

    /** Checks a mutation whose envelope was already read into strings (a pulled one). */
    public static List<ErrorDetail> check(Envelope envelope, JsonNode payload, Instant now) {
        Problems problems = new Problems(null);
        for (Map.Entry<String, String> field : Map.of("mutation_id", nullToEmpty(envelope.mutationId()), "project",
                nullToEmpty(envelope.project()), "entity", nullToEmpty(envelope.entity()), "entity_key",
                nullToEmpty(envelope.entityKey()), "op", nullToEmpty(envelope.op())).entrySet()) {
            if (field.getValue().isBlank()) {
                problems.add(field.getKey(), "is required");
            } else {
                problems.addIfBad(field.getKey(), Limits.textProblem(field.getValue(), Limits.MAX_KEY_CHARS));
            }
        }
        if (payload == null || !payload.isObject()) {
            problems.add("payload", "must be a JSON object");
            return problems.list;
        }
        checkEnvelopeValues(envelope, problems);
        checkPayload(envelope, payload, now, problems);
        return problems.list;
    }

    private static void checkEnvelopeValues(Envelope e, Problems problems) {
        if (e.project() != null && !e.project().isBlank() && !ProjectNames.isNormalized(e.project())) {
            problems.add("project", "must be normalized (trimmed, lower-case, runs of - or _ collapsed): send '"
                    + echo(ProjectNames.normalize(e.project())) + "', not '" + echo(e.project()) + "'");
        }
        if (e.entity() != null && MutationEntity.fromWire(e.entity()).isEmpty()) {
            problems.add("entity", "must be session, observation or prompt, was '" + echo(e.entity()) + "'");
        }
        if (e.op() != null && MutationOp.fromWire(e.op()).isEmpty()) {
            problems.add("op", "must be upsert or delete, was '" + echo(e.op()) + "'");
        }
        if ("delete".equals(e.op()) && e.entity() != null && !"observation".equals(e.entity())) {
            problems.add("op", "delete is defined for observations only, not for " + echo(e.entity()));
        }
    }

    private static void checkPayload(Envelope e, JsonNode payload, Instant now, Problems problems) {
        noNulAnywhere("payload", payload, problems);
        String keyField = "session".equals(e.entity()) ? "id" : "sync_id";
        boolean delete = "delete".equals(e.op());
        String key = payloadText(payload, keyField, true, Limits.MAX_KEY_CHARS, problems);
        if (key != null && e.entityKey() != null && !key.equals(e.entityKey())) {
            problems.add("payload." + keyField, "is '" + echo(key) + "' but the envelope's entity_key is '" + echo(e.entityKey()) + "'");
        }
        // A hard delete carries only the key; every other payload carries the project and must agree with the envelope.
        String project = payloadText(payload, "project", !delete, Limits.MAX_KEY_CHARS, problems);
        if (project != null && e.project() != null && !ProjectNames.normalize(project).equals(e.project())) {
            problems.add("payload.project", "is '" + echo(project) + "' but the envelope's project is '" + echo(e.project()) + "'");
        }
        String version = payloadText(payload, "version", true, Limits.MAX_KEY_CHARS, problems);
        if (version != null) {
            problems.addIfBad("payload.version", Limits.versionProblem(version, now));
        }
        for (String field : KEY_FIELDS) {
            if (!field.equals(keyField) && !field.equals("project")) {
                payloadText(payload, field, false, Limits.MAX_KEY_CHARS, problems);
            }
        }
        for (String field : TIME_FIELDS) {
            String text = payloadText(payload, field, false, Integer.MAX_VALUE, problems);
            if (text != null) {
                problems.addIfBad("payload." + field, Limits.timeTextProblem(text, now));
            }
        }
        if (delete) {
            checkDelete(payload, problems);
            return;
        }
        switch (e.entity() == null ? "" : e.entity()) {
            case "observation" -> {
                payloadText(payload, "session_id", true, Limits.MAX_KEY_CHARS, problems);
                nonBlank(payload, "title", Limits.MAX_TITLE_CHARS, problems);
                nonBlank(payload, "content", Limits.MAX_CONTENT_CHARS, problems);
                payloadText(payload, "created_at", true, Integer.MAX_VALUE, problems);
                String scope = payloadText(payload, "scope", false, Limits.MAX_KEY_CHARS, problems);
                if (scope != null && !scope.equals("project") && !scope.equals("personal")) {
                    problems.add("payload.scope", "must be project or personal, was '" + echo(scope) + "'");
                }
                count(payload, "revision_count", problems);
                count(payload, "duplicate_count", problems);
            }
            case "session" -> {
                payloadText(payload, "started_at", true, Integer.MAX_VALUE, problems);
                payloadText(payload, "directory", false, Limits.MAX_DIRECTORY_CHARS, problems);
                payloadText(payload, "summary", false, Limits.MAX_CONTENT_CHARS, problems);
            }
            case "prompt" -> {
                payloadText(payload, "session_id", true, Limits.MAX_KEY_CHARS, problems);
                nonBlank(payload, "content", Limits.MAX_CONTENT_CHARS, problems);
                payloadText(payload, "created_at", true, Integer.MAX_VALUE, problems);
            }
            default -> { } // the envelope check already named the unknown entity
        }
    }

    private static void checkDelete(JsonNode payload, Problems problems) {
        JsonNode deleted = payload.get("deleted");
        if (deleted == null || !deleted.isBoolean() || !deleted.booleanValue()) {
            problems.add("payload.deleted", "a delete must carry deleted: true");
        }
        payloadText(payload, "deleted_at", true, Integer.MAX_VALUE, problems);
        JsonNode hard = payload.get("hard_delete");
        if (hard != null && !hard.isNull() && !hard.isBoolean()) {
            problems.add("payload.hard_delete", "must be a boolean, was " + kind(hard));
        }
        if (payload.hasNonNull("content")) {
            // A soft delete that carries the whole deleted observation: its fields obey the upsert's limits.
            nonBlank(payload, "title", Limits.MAX_TITLE_CHARS, problems);
            nonBlank(payload, "content", Limits.MAX_CONTENT_CHARS, problems);
        }
    }

    private static String envelopeText(JsonNode entry, String field, Problems problems) {
        JsonNode v = entry.get(field);
        if (v == null || v.isNull()) {
            problems.add(field, "is required");
            return null;
        }
        if (!v.isString()) {
            problems.add(field, "must be a string, was " + kind(v));
            return null;
        }
        String s = v.stringValue();
        if (s.isBlank()) {
            problems.add(field, "must not be blank");
            return null;
        }
        String bad = Limits.textProblem(s, Limits.MAX_KEY_CHARS);
        if (bad != null) {
            problems.add(field, bad);
            return null;
        }
        return s;
    }

    /** The string at {@code field}, or null when absent (a problem when required) or of the wrong type or size. */
    private static String payloadText(JsonNode payload, String field, boolean required, int max, Problems problems) {
        JsonNode v = payload.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add("payload." + field, "is required");
            }
            return null;
        }
        if (!v.isString()) {
            problems.add("payload." + field, "must be a string, was " + kind(v));
            return null;
        }
        String s = v.stringValue();
        if (s.length() > max) {
            problems.add("payload." + field, "is " + s.length() + " characters long, at most " + max);
            return null;
        }
        return s.indexOf('\0') >= 0 ? null : s; // the NUL itself was reported by noNulAnywhere
    }

    private static void nonBlank(JsonNode payload, String field, int max, Problems problems) {
        String s = payloadText(payload, field, true, max, problems);
        if (s != null && s.isBlank()) {
            problems.add("payload." + field, "must not be blank");
        }
    }

    private static void count(JsonNode payload, String field, Problems problems) {
        JsonNode v = payload.get(field);
        if (v != null && !v.isNull() && (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0)) {
            problems.add("payload." + field, "must be a whole number from 0 to " + Integer.MAX_VALUE);
        }
    }

    /** A NUL anywhere (a value or a name, at any depth) is refused: SQL text columns and C strings cannot hold it. */
    private static void noNulAnywhere(String path, JsonNode node, Problems problems) {
        if (node.isString()) {
            if (node.stringValue().indexOf('\0') >= 0) {
                problems.add(path, "contains a NUL character");
            }
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().indexOf('\0') >= 0) {
                    problems.add(path, "has a field name with a NUL character");
                } else {
                    noNulAnywhere(path + "." + field.getKey(), field.getValue(), problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                noNulAnywhere(path + "[" + i + "]", node.get(i), problems);
            }
        }
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case NULL -> "null";
            default -> "a " + v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A value quoted back in a problem: short, and without control characters. */
    public static String echo(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= ECHO_CHARS ? clean : clean.substring(0, ECHO_CHARS) + "...";
    }

    /** The problems found so far, each stamped with the entry's index. */
    private static final class Problems {
        final Integer index;
        final List<ErrorDetail> list = new ArrayList<>();

        Problems(Integer index) {
            this.index = index;
        }

        void add(String field, String problem) {
            ErrorDetail detail = new ErrorDetail(index, field, problem);
            if (!list.contains(detail)) { // a field checked by two rules is reported once
                list.add(detail);
            }
        }

        void addIfBad(String field, String problem) {
            if (problem != null) {
                add(field, problem);
            }
        }
    }
}
