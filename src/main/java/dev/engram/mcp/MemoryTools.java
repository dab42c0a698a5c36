package dev.engram.mcp;

import dev.engram.base.InvalidInputException;
import dev.engram.memory.ContextBudget;
import dev.engram.memory.NewObservation;
import dev.engram.memory.ObservationUpdate;
import dev.engram.memory.Projects;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.project.ProjectResolver;
import dev.engram.project.ResolvedProject;
import dev.engram.semantic.SearchMode;
import dev.engram.view.Views;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tool catalogue of contract section 5: what each tool accepts (its schema) and does (one store
 * call rendered through {@link Views}). Tools that write to or recall one project use the
 * {@link CurrentProject} when the agent leaves {@code project} out; {@code mem_search} searches every
 * project unless the server was started with {@code --project}.
 */
final class MemoryTools {
    private static final List<String> SCOPES = List.of("project", "personal");
    private static final String CURRENT = "default: the current project, see mem_current_project";
    private static final List<String> MODES = List.of("keyword", "semantic", "hybrid");

    private final Supplier<McpBackend> backend;
    private final CurrentProject current;
    /** {@code --project}, normalized, or null: the default of the reading tools that otherwise cover every project. */
    private final String explicitProject;

    /** {@code backend} may block until the database is open (the first tool call waits for it). */
    MemoryTools(Supplier<McpBackend> backend, String explicitProject) {
        this(backend, new CurrentProject(ProjectResolver.fromEnvironment(), explicitProject, Path.of("")));
    }

    MemoryTools(Supplier<McpBackend> backend, CurrentProject current) {
        this.backend = backend;
        this.current = current;
        this.explicitProject = current.get().rule() == ResolvedProject.Rule.ARGUMENT ? current.get().project() : null;
    }

    private SqliteMemoryStore store() {
        return backend.get().store();
    }

    /** Every tool, in the contract's order. */
    List<Tool> all() {
        return List.of(save(), search(), context(), getObservation(), update(), delete(), timeline(), stats(),
                suggestTopicKey(), sessionStart(), sessionEnd(), sessionSummary(), savePrompt(), syncStatus(), currentProject());
    }

    private Tool save() {
        Schema schema = Schema.object()
                .string("title", true, "Short, searchable title, e.g. 'Use WAL mode for the SQLite store'.")
                .string("content", true, "What happened, why, and where (files, commands). <private>...</private> spans are redacted.")
                .string("type", false, "Kind of memory: decision, bugfix, pattern, discovery, config... (default manual).")
                .string("session_id", false, "Session this belongs to (default: the project's manual session).")
                .string("project", false, projectHelp())
                .oneOf("scope", SCOPES, "project (shared, default) or personal.")
                .string("topic_key", false, "Stable key (see mem_suggest_topic_key): saving again with it revises the same observation.");
        return new Tool("mem_save", "Save an observation (decision, bug fix, pattern, discovery) to persistent memory. "
                + "Returns it with action created, revised (same topic_key) or duplicate.", schema, false, a -> {
            String project = project(a, true);
            return Views.saved(store().save(new NewObservation(a.text("session_id"), a.text("type"), a.requiredText("title"),
                    a.requiredText("content"), null, project, a.text("scope"), a.text("topic_key"))));
        });
    }

    private Tool search() {
        Schema schema = Schema.object()
                .string("query", true, "Words to look for; any text is valid (no query syntax).")
                .string("type", false, "Only observations of this type.")
                .string("project", false, "Only this project (default: --project of the server, else all projects).")
                .oneOf("scope", SCOPES, "Only this scope.")
                .integer("limit", 1, 100, "Most results to return (default 10).")
                .oneOf("mode", MODES, "keyword (words), semantic (meaning) or hybrid (both); default hybrid when the "
                        + "semantic index is ready, keyword otherwise. The answer says which mode ran.");
        return new Tool("mem_search", "Search saved observations by words and meaning, best match first, with a snippet. "
                + "Ask in your own words: hybrid search finds memories written differently.",
                schema, true, a -> {
            String query = a.requiredText("query");
            SearchMode mode = SearchMode.parse("mode", a.text("mode"));
            return Views.results(backend.get().recall().search(
                    new SearchQuery(query, a.text("type"), project(a, false), a.text("scope"), a.integer("limit")), mode));
        });
    }

    private Tool context() {
        Schema schema = Schema.object()
                .string("project", false, "Project to recall (" + CURRENT + ").")
                .integer("limit", 1, 100, "Most observations to return (default 20).")
                .integer("max_bytes", 1, ContextBudget.MAX_BYTES, "Instead: the most useful memories, one compact line each, "
                        + "in at most this many UTF-8 bytes (returns {text, bytes, included, omitted}).");
        return new Tool("mem_context", "Recent sessions, observations and prompts of a project: call it at the start of a task.",
                schema, true, a -> {
            String project = project(a, true);
            Integer maxBytes = a.integer("max_bytes");
            if (maxBytes != null) {
                if (a.has("limit")) {
                    throw new InvalidInputException("max_bytes", "give max_bytes or limit, not both");
                }
                return Views.contextWithin(store().contextWithin(project, ContextBudget.checkedMaxBytes("max_bytes", maxBytes)));
            }
            return Views.context(store().context(project, a.integer("limit")));
        });
    }

    private Tool getObservation() {
        Schema schema = Schema.object().integer("id", true, 1, "Observation id (from mem_search or mem_context).");
        return new Tool("mem_get_observation", "One observation in full, by id.", schema, true,
                a -> Views.observation(store().get(a.requiredId("id"))));
    }

    private Tool update() {
        Schema schema = Schema.object()
                .integer("id", true, 1, "Observation id.")
                .string("title", false, "New title.")
                .string("content", false, "New content.")
                .string("type", false, "New type.")
                .oneOf("scope", SCOPES, "New scope.")
                .string("topic_key", false, "New topic key (empty string removes it).");
        return new Tool("mem_update", "Change fields of an observation; fields left out stay as they are.", schema, false, a -> {
            long id = a.requiredId("id");
            if (!(a.has("title") || a.has("content") || a.has("type") || a.has("scope") || a.has("topic_key"))) {
                throw new InvalidInputException("title", "give at least one of title, content, type, scope, topic_key to change");
            }
            return Views.observation(store().update(id, new ObservationUpdate(a.text("title"), a.text("content"), a.text("type"),
                    a.text("scope"), a.text("topic_key"))));
        });
    }

    private Tool delete() {
        Schema schema = Schema.object()
                .integer("id", true, 1, "Observation id.")
                .bool("hard_delete", "Remove it for good instead of hiding it (default false).");
        return new Tool("mem_delete", "Delete an observation: hidden from search and context, or removed with hard_delete.",
                schema, false, a -> {
            long id = a.requiredId("id");
            boolean hard = a.bool("hard_delete");
            store().delete(id, hard);
            ObjectNode n = Views.JSON.createObjectNode();
            n.put("id", id);
            n.put("deleted", true);
            n.put("hard_delete", hard);
            return n;
        });
    }

    private Tool timeline() {
        Schema schema = Schema.object()
                .integer("observation_id", true, 1, "The observation to center on.")
                .integer("before", 0, 100, "How many earlier observations of the same session (default 5).")
                .integer("after", 0, 100, "How many later observations of the same session (default 5).");
        return new Tool("mem_timeline", "Observations of the same session around one, in time order.", schema, true,
                a -> Views.timeline(store().timeline(a.requiredId("observation_id"), a.integer("before"), a.integer("after"))));
    }

    private Tool stats() {
        Schema schema = Schema.object().string("project", false, "Only this project's counts per type.");
        return new Tool("mem_stats", "Counts of sessions, observations and prompts, per project and type, and the database size.",
                schema, true, a -> Views.stats(store().stats(), Projects.normalizeOrNull(a.text("project")), backend.get().recall().coverage()));
    }

    private Tool suggestTopicKey() {
        Schema schema = Schema.object()
                .string("type", false, "The observation type, e.g. decision.")
                .string("title", false, "The observation title.")
                .string("content", false, "The content, used when there is no title.");
        return new Tool("mem_suggest_topic_key", "Suggest a stable topic_key (type/slug-of-title) so that later saves revise "
                + "the same observation instead of adding new ones.", schema, true, a -> {
            ObjectNode n = Views.JSON.createObjectNode();
            n.put("topic_key", TopicKeys.suggest(a.text("type"), a.text("title"), a.text("content")));
            return n;
        });
    }

    private Tool sessionStart() {
        Schema schema = Schema.object()
                .string("id", true, "Session id of your choosing (unique per working session).")
                .string("project", false, projectHelp())
                .string("directory", false, "Working directory of the session.");
        return new Tool("mem_session_start", "Start a working session (starting an existing one returns it unchanged).",
                schema, false, a -> Views.session(store().startSession(a.requiredText("id"), project(a, true), a.text("directory"))));
    }

    private Tool sessionEnd() {
        Schema schema = Schema.object()
                .string("id", true, "Session id.")
                .string("summary", false, "What was done in the session.");
        return new Tool("mem_session_end", "End a working session, with an optional summary.", schema, false,
                a -> Views.session(store().endSession(a.requiredText("id"), a.text("summary"))));
    }

    private Tool sessionSummary() {
        Schema schema = Schema.object()
                .string("content", true, "The summary: goal, what was done, what was learned, what is next.")
                .string("session_id", false, "Session it summarizes.")
                .string("project", false, projectHelp());
        return new Tool("mem_session_summary", "Save an end-of-session summary as an observation of type session_summary.",
                schema, false, a -> {
            String content = a.requiredText("content");
            String project = project(a, true);
            String sessionId = a.text("session_id");
            String title = "Session summary" + (sessionId == null || sessionId.isBlank() ? "" : " " + sessionId.strip());
            return Views.saved(store().save(new NewObservation(sessionId, "session_summary", title, content, null, project, null, null)));
        });
    }

    private Tool savePrompt() {
        Schema schema = Schema.object()
                .string("content", true, "The user's prompt.")
                .string("session_id", false, "Session it belongs to.")
                .string("project", false, projectHelp());
        return new Tool("mem_save_prompt", "Keep a user prompt for later context.", schema, false,
                a -> Views.prompt(store().savePrompt(a.text("session_id"), a.requiredText("content"), project(a, true))));
    }

    private Tool syncStatus() {
        return new Tool("mem_sync_status", "Cloud sync status: whether it is enabled, healthy or stuck, why (reason_code, "
                + "reason_message), and how many changes wait to be pushed. Tell the user when sync is stuck.",
                Schema.object(), true, a -> Views.status(backend.get().status().current()));
    }

    private Tool currentProject() {
        return new Tool("mem_current_project", "The project memories are saved to when a call names none, which rule chose it "
                + "(argument, env, config_file, git_remote, git_toplevel, directory) and from what.", Schema.object(), true, a -> {
            ObjectNode n = Views.resolvedProject(current.get());
            n.put("directory", current.directory().toString());
            n.put("directory_from", current.fromRoots() ? "roots" : "working_directory");
            return n;
        });
    }

    private static String projectHelp() {
        return "Project name (" + CURRENT + ").";
    }

    /**
     * The project argument; else, for tools that write or recall one project ({@code current}), the
     * current project; else {@code --project}, or null for every project.
     */
    private String project(Args a, boolean current) {
        String given = a.text("project");
        if (given != null && !given.isBlank()) {
            return Projects.normalize("project", given);
        }
        return current ? this.current.get().project() : explicitProject;
    }
}
