package dev.engram.cloud;

import dev.engram.base.ProjectNames;
import dev.engram.protocol.ErrorCodes;
import dev.engram.protocol.ErrorDetail;
import dev.engram.protocol.MutationCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a push body in the contract's order: JSON and envelope, entry count, authorization of every
 * project (403 naming them), then validation of every entry (400 listing every problem) by
 * {@link MutationCheck}: the envelope, the payload's agreement with it (project and key) and the
 * range of every value (lengths, times, versions, no NUL anywhere), against the server's clock.
 * The payload's text is kept byte for byte ({@link RawPayloads}), extra fields included.
 */
final class PushParser {

    private final ObjectMapper json;
    private final int maxEntries;
    private final Clock clock;

    PushParser(ObjectMapper json, int maxEntries, Clock clock) {
        this.json = json;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The validated batch. @throws ApiException (400 or 403) when the push must be refused as a whole */
    List<NewMutation> parse(byte[] body, Principal caller) {
        JsonNode entries = envelope(body);
        authorize(entries, caller);
        List<ErrorDetail> problems = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < entries.size(); i++) {
            problems.addAll(MutationCheck.checkEntry(i, entries.get(i), now));
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

    /** A value quoted back to the caller: short, and without control characters. */
    static String echo(String s) {
        return MutationCheck.echo(s);
    }
}
