package dev.engram.cli;

import dev.engram.base.Timestamps;
import dev.engram.memory.Context;
import dev.engram.memory.Observation;
import dev.engram.memory.Prompt;
import dev.engram.memory.SearchHit;
import dev.engram.memory.Session;
import dev.engram.memory.Stats;
import dev.engram.memory.Timeline;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code --json} shapes of the CLI: the wire names of contract section 2, plus the local {@code id}. */
final class CliJson {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private CliJson() {
    }

    static String print(Object node) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    static ObjectNode observation(Observation o) {
        ObjectNode n = MAPPER.createObjectNode();
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

    static ObjectNode session(Session s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", s.id());
        n.put("project", s.project());
        n.put("directory", s.directory());
        n.put("started_at", Timestamps.format(s.startedAt()));
        n.put("ended_at", Timestamps.format(s.endedAt()));
        n.put("summary", s.summary());
        return n;
    }

    static ObjectNode prompt(Prompt p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", p.id());
        n.put("sync_id", p.syncId());
        n.put("session_id", p.sessionId());
        n.put("content", p.content());
        n.put("project", p.project());
        n.put("created_at", Timestamps.format(p.createdAt()));
        return n;
    }

    static ObjectNode results(List<SearchHit> hits) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode results = root.putArray("results");
        for (SearchHit hit : hits) {
            ObjectNode n = observation(hit.observation());
            n.put("rank", hit.rank());
            n.put("snippet", hit.snippet());
            results.add(n);
        }
        return root;
    }

    static ObjectNode context(Context c) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("project", c.project());
        ArrayNode sessions = root.putArray("sessions");
        c.sessions().forEach(s -> sessions.add(session(s)));
        ArrayNode observations = root.putArray("observations");
        c.observations().forEach(o -> observations.add(observation(o)));
        ArrayNode prompts = root.putArray("prompts");
        c.prompts().forEach(p -> prompts.add(prompt(p)));
        return root;
    }

    static ObjectNode timeline(Timeline t) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("focus", observation(t.focus()));
        ArrayNode before = root.putArray("before");
        t.before().forEach(o -> before.add(observation(o)));
        ArrayNode after = root.putArray("after");
        t.after().forEach(o -> after.add(observation(o)));
        return root;
    }

    static ObjectNode stats(Stats s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("sessions", s.sessions());
        root.put("observations", s.observations());
        root.put("deleted_observations", s.deletedObservations());
        root.put("prompts", s.prompts());
        root.put("database_bytes", s.databaseBytes());
        root.put("database_path", s.databasePath());
        ArrayNode by = root.putArray("by_project_and_type");
        for (Stats.ProjectTypeCount c : s.byProjectAndType()) {
            ObjectNode n = by.addObject();
            n.put("project", c.project());
            n.put("type", c.type());
            n.put("count", c.count());
        }
        return root;
    }
}
