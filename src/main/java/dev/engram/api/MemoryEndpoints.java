package dev.engram.api;

import dev.engram.base.InvalidInputException;
import dev.engram.memory.ContextBudget;
import dev.engram.memory.NewObservation;
import dev.engram.memory.ObservationUpdate;
import dev.engram.memory.SaveResult;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.semantic.Recall;
import dev.engram.semantic.SearchMode;
import dev.engram.view.SyncStatusSource;
import dev.engram.view.Views;
import io.javalin.http.Context;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** The handlers of the memory endpoints: parse strictly, call the store, render through {@link Views}. */
final class MemoryEndpoints {
    private static final Set<String> SESSION_FIELDS = Set.of("id", "project", "directory");
    private static final Set<String> END_FIELDS = Set.of("summary");
    private static final Set<String> SAVE_FIELDS =
            Set.of("session_id", "type", "title", "content", "tool_name", "project", "scope", "topic_key");
    private static final Set<String> UPDATE_FIELDS = Set.of("title", "content", "type", "scope", "topic_key");
    private static final Set<String> PROMPT_FIELDS = Set.of("session_id", "content", "project");

    private final SqliteMemoryStore store;
    private final SyncStatusSource status;
    private final Recall recall;
    private final long maxBodyBytes;
    private final String defaultProject;

    MemoryEndpoints(SqliteMemoryStore store, SyncStatusSource status, Recall recall, long maxBodyBytes, String defaultProject) {
        this.defaultProject = defaultProject;
        this.store = store;
        this.status = status;
        this.recall = recall;
        this.maxBodyBytes = maxBodyBytes;
    }

    void startSession(Context ctx) {
        JsonBody b = body(ctx, SESSION_FIELDS);
        Json.ok(ctx, Views.session(store.startSession(b.requiredText("id"), project(b), b.text("directory"))));
    }

    void endSession(Context ctx) {
        JsonBody b = body(ctx, END_FIELDS);
        Json.ok(ctx, Views.session(store.endSession(ctx.pathParam("id"), b.text("summary"))));
    }

    /** 201 with the new observation; 200 when a topic key revised one or a duplicate was folded. */
    void saveObservation(Context ctx) {
        JsonBody b = body(ctx, SAVE_FIELDS);
        SaveResult result = store.save(new NewObservation(b.text("session_id"), b.text("type"), b.requiredText("title"),
                b.requiredText("content"), b.text("tool_name"), project(b), b.text("scope"), b.text("topic_key")));
        Json.write(ctx, result instanceof SaveResult.Created ? 201 : 200, Views.saved(result));
    }

    void getObservation(Context ctx) {
        Json.ok(ctx, Views.observation(store.get(Params.pathId(ctx, "id"))));
    }

    void updateObservation(Context ctx) {
        long id = Params.pathId(ctx, "id");
        JsonBody b = body(ctx, UPDATE_FIELDS);
        if (b.isEmpty()) {
            throw new InvalidInputException("body", "body must set at least one of title, content, type, scope, topic_key");
        }
        ObservationUpdate update = new ObservationUpdate(b.text("title"), b.text("content"), b.text("type"), b.text("scope"), b.text("topic_key"));
        Json.ok(ctx, Views.observation(store.update(id, update)));
    }

    void deleteObservation(Context ctx) {
        long id = Params.pathId(ctx, "id");
        boolean hard = Params.bool(ctx, "hard");
        store.delete(id, hard);
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", id);
        n.put("deleted", true);
        n.put("hard_delete", hard);
        Json.ok(ctx, n);
    }

    void search(Context ctx) {
        SearchQuery q = new SearchQuery(Params.requiredText(ctx, "q"), Params.text(ctx, "type"), Params.text(ctx, "project"),
                Params.text(ctx, "scope"), Params.integer(ctx, "limit"));
        SearchMode mode = SearchMode.parse("mode", Params.text(ctx, "mode"));
        Json.ok(ctx, Views.results(recall.search(q, mode)));
    }

    /** With {@code max_bytes}: the most useful memories in compact form within that many bytes (see ContextBudget). */
    void context(Context ctx) {
        String maxBytes = Params.text(ctx, "max_bytes");
        if (maxBytes != null) {
            if (Params.text(ctx, "limit") != null) {
                throw new InvalidInputException("max_bytes", "give max_bytes or limit, not both");
            }
            long n;
            try {
                n = Long.parseLong(maxBytes.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("max_bytes", "max_bytes must be an integer, was '" + maxBytes + "'");
            }
            String project = Params.text(ctx, "project");
            Json.ok(ctx, Views.contextWithin(store.contextWithin(project != null ? project : defaultProject,
                    ContextBudget.checkedMaxBytes("max_bytes", n))));
            return;
        }
        Json.ok(ctx, Views.context(store.context(Params.text(ctx, "project"), Params.integer(ctx, "limit"))));
    }

    void timeline(Context ctx) {
        long id = Params.requiredLong(ctx, "observation_id");
        Json.ok(ctx, Views.timeline(store.timeline(id, Params.integer(ctx, "before"), Params.integer(ctx, "after"))));
    }

    void savePrompt(Context ctx) {
        JsonBody b = body(ctx, PROMPT_FIELDS);
        Json.write(ctx, 201, Views.prompt(store.savePrompt(b.text("session_id"), b.requiredText("content"), project(b))));
    }

    void stats(Context ctx) {
        Json.ok(ctx, Views.stats(store.stats(), null, recall.coverage()));
    }

    void syncStatus(Context ctx) {
        Json.ok(ctx, Views.status(status.current()));
    }

    private JsonBody body(Context ctx, Set<String> allowed) {
        return JsonBody.read(ctx, maxBodyBytes, allowed);
    }

    /** The body's {@code project}, else the server's resolved project; with neither, {@code project} is required. */
    private String project(JsonBody b) {
        String given = b.text("project");
        if (given != null && !given.isBlank() || defaultProject == null) {
            return b.requiredText("project");
        }
        return defaultProject;
    }
}
