package dev.engram.view;

import dev.engram.base.Timestamps;
import dev.engram.memory.Context;
import dev.engram.memory.ContextBudget;
import dev.engram.memory.MergeResult;
import dev.engram.memory.ProjectCount;
import dev.engram.project.ResolvedProject;
import dev.engram.memory.Observation;
import dev.engram.memory.Prompt;
import dev.engram.memory.SaveResult;
import dev.engram.memory.SearchHit;
import dev.engram.memory.Session;
import dev.engram.memory.Stats;
import dev.engram.memory.Timeline;
import dev.engram.semantic.IndexCoverage;
import dev.engram.semantic.SearchAnswer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON views of domain records, exactly as the contract (section 2) names their fields. Both front
 * doors render through here, so an observation looks the same over HTTP and MCP.
 */
public final class Views {
    /** The one mapper of the front doors: plain Jackson 3, no naming magic (views name fields explicitly). */
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Views() {
    }

    public static ObjectNode observation(Observation o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", o.id());
        n.put("sync_id", o.syncId());
        n.put("session_id", o.sessionId());
        n.put("type", o.type());
        n.put("title", o.title());
        n.put("content", o.content());
        n.put("tool_name", o.toolName());
        n.put("project", o.project());
        n.put("scope", o.scope().wire());
        n.put("topic_key", o.topicKey());
        n.put("revision_count", o.revisionCount());
        n.put("duplicate_count", o.duplicateCount());
        n.put("created_at", Timestamps.format(o.createdAt()));
        n.put("updated_at", Timestamps.format(o.updatedAt()));
        n.put("deleted_at", Timestamps.format(o.deletedAt()));
        return n;
    }

    /** The observation a save produced, plus {@code action}: {@code created}, {@code revised} or {@code duplicate}. */
    public static ObjectNode saved(SaveResult result) {
        ObjectNode n = observation(result.observation());
        n.put("action", action(result));
        return n;
    }

    public static String action(SaveResult result) {
        return switch (result) {
            case SaveResult.Created c -> "created";
            case SaveResult.Revised r -> "revised";
            case SaveResult.Duplicate d -> "duplicate";
        };
    }

    public static ObjectNode session(Session s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", s.id());
        n.put("project", s.project());
        n.put("directory", s.directory());
        n.put("started_at", Timestamps.format(s.startedAt()));
        n.put("ended_at", Timestamps.format(s.endedAt()));
        n.put("summary", s.summary());
        return n;
    }

    public static ObjectNode prompt(Prompt p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", p.id());
        n.put("sync_id", p.syncId());
        n.put("session_id", p.sessionId());
        n.put("content", p.content());
        n.put("project", p.project());
        n.put("created_at", Timestamps.format(p.createdAt()));
        return n;
    }

    /** A search hit: the observation, its bm25 {@code rank} (lower is better) and a {@code snippet}. */
    public static ObjectNode hit(SearchHit hit) {
        ObjectNode n = observation(hit.observation());
        n.put("rank", hit.rank());
        n.put("snippet", hit.snippet());
        return n;
    }

    /** {@code {"results":[...]}}. */
    public static ObjectNode results(List<SearchHit> hits) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode results = n.putArray("results");
        hits.forEach(h -> results.add(hit(h)));
        return n;
    }

    /**
     * {@code {"results":[...], "mode", "requested_mode", "index":{...}, "note"}}: the hits, the mode that ran, the
     * mode asked for (null: the default), the semantic index's coverage, and why another mode ran (null if none).
     * A hit's {@code rank} is lower-is-better in every mode: bm25 for keyword, minus the cosine similarity for
     * semantic, minus the fused score for hybrid.
     */
    public static ObjectNode results(SearchAnswer answer) {
        ObjectNode n = results(answer.hits());
        n.put("mode", answer.mode().wire());
        n.put("requested_mode", answer.requested() == null ? null : answer.requested().wire());
        n.set("index", coverage(answer.index()));
        n.put("note", answer.note());
        return n;
    }

    /** {@code {"state", "model", "indexed", "total", "ready_fraction"}}. */
    public static ObjectNode coverage(IndexCoverage c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("state", c.state().wire());
        n.put("model", c.model());
        n.put("indexed", c.indexed());
        n.put("total", c.total());
        n.put("ready_fraction", Math.round(c.fraction() * 10_000) / 10_000.0);
        return n;
    }

    /** Store counts with the semantic index's coverage under {@code index}. */
    public static ObjectNode stats(Stats s, String project, IndexCoverage index) {
        ObjectNode n = stats(s, project);
        n.set("index", coverage(index));
        return n;
    }

    public static ObjectNode context(Context c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("project", c.project());
        ArrayNode sessions = n.putArray("sessions");
        c.sessions().forEach(s -> sessions.add(session(s)));
        ArrayNode observations = n.putArray("observations");
        c.observations().forEach(o -> observations.add(observation(o)));
        ArrayNode prompts = n.putArray("prompts");
        c.prompts().forEach(p -> prompts.add(prompt(p)));
        return n;
    }

    public static ObjectNode timeline(Timeline t) {
        ObjectNode n = JSON.createObjectNode();
        n.set("focus", observation(t.focus()));
        ArrayNode before = n.putArray("before");
        t.before().forEach(o -> before.add(observation(o)));
        ArrayNode after = n.putArray("after");
        t.after().forEach(o -> after.add(observation(o)));
        return n;
    }

    /** Store counts; with a non-null {@code project} only that project's rows of {@code by_project_and_type}. */
    public static ObjectNode stats(Stats s, String project) {
        ObjectNode n = JSON.createObjectNode();
        n.put("sessions", s.sessions());
        n.put("observations", s.observations());
        n.put("deleted_observations", s.deletedObservations());
        n.put("prompts", s.prompts());
        ArrayNode rows = n.putArray("by_project_and_type");
        for (Stats.ProjectTypeCount row : s.byProjectAndType()) {
            if (project == null || project.equals(row.project())) {
                rows.addObject().put("project", row.project()).put("type", row.type()).put("count", row.count());
            }
        }
        n.put("database_bytes", s.databaseBytes());
        n.put("database_path", s.databasePath());
        return n;
    }

    /**
     * A status record (contract section 6) as JSON: keys are kept as given (they are already wire
     * names), {@link Instant} values become RFC 3339 strings, collections become arrays.
     */
    public static ObjectNode status(Map<String, ?> record) {
        ObjectNode n = JSON.createObjectNode();
        record.forEach((k, v) -> n.set(k, value(v)));
        return n;
    }

    private static JsonNode value(Object v) {
        return switch (v) {
            case null -> JSON.nullNode();
            case Instant t -> JSON.getNodeFactory().stringNode(Timestamps.format(t));
            case Collection<?> c -> {
                ArrayNode a = JSON.createArrayNode();
                c.forEach(e -> a.add(value(e)));
                yield a;
            }
            case Map<?, ?> m -> {
                ObjectNode o = JSON.createObjectNode();
                m.forEach((k, e) -> o.set(String.valueOf(k), value(e)));
                yield o;
            }
            default -> JSON.valueToTree(v);
        };
    }

    /** {@code engram project --json} and {@code mem_current_project}: the project, the rule that chose it, and what from. */
    public static ObjectNode resolvedProject(ResolvedProject r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("project", r.project());
        n.put("rule", r.rule().wire());
        n.put("source", r.source());
        ArrayNode notes = n.putArray("notes");
        r.notes().forEach(notes::add);
        return n;
    }

    /** Context within a byte budget: the compact text and its accounting. */
    public static ObjectNode contextWithin(ContextBudget.Fitted f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("project", f.project());
        n.put("max_bytes", f.maxBytes());
        n.put("bytes", f.bytes());
        n.put("included", f.included());
        n.put("omitted", f.omitted());
        n.put("text", f.text());
        return n;
    }

    public static ObjectNode projects(List<ProjectCount> counts) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode rows = n.putArray("projects");
        for (ProjectCount c : counts) {
            ObjectNode row = rows.addObject();
            row.put("project", c.project());
            row.put("observations", c.observations());
            row.put("deleted_observations", c.deletedObservations());
            row.put("sessions", c.sessions());
            row.put("prompts", c.prompts());
            row.put("last_activity", Timestamps.format(c.lastActivity()));
        }
        return n;
    }

    public static ObjectNode merged(MergeResult r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("from", r.from());
        n.put("into", r.into());
        n.put("observations", r.observations());
        n.put("sessions", r.sessions());
        n.put("prompts", r.prompts());
        n.put("already_present", r.alreadyPresent());
        n.put("deleted_dropped", r.deletedDropped());
        n.put("enrolled_into", r.enrolledInto());
        return n;
    }
}
