package dev.engram.cli;

import dev.engram.base.JsonStrings;
import dev.engram.memory.ContextBudget;
import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.project.ProjectResolver;
import dev.engram.project.ResolvedProject;
import dev.engram.project.TopLevelStrings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What {@code engram hook EVENT} does with the agent's hook input (a JSON object on stdin with
 * {@code session_id}, {@code cwd}, {@code hook_event_name}, {@code transcript_path}, ...):
 * <ul>
 *   <li>{@code session-start}: starts the session (when the input names one) in the project resolved from
 *       {@code cwd}, and returns the project's context within the byte budget as
 *       {@code {"hookSpecificOutput": {"hookEventName": "SessionStart", "additionalContext": TEXT}}}, which
 *       Claude Code, Gemini CLI and Codex add to the model's context ({@code --format text}: TEXT alone);</li>
 *   <li>{@code pre-compact}: records that the session's context was compacted: one observation of type
 *       {@code session_marker} per session (topic key {@code session/ID/compaction}, so later compactions
 *       revise it), naming the trigger and the transcript path; prints nothing;</li>
 *   <li>{@code session-end}: ends the session when it is known here; prints nothing.</li>
 * </ul>
 * Throws on any failure; {@link HookCommand} turns failures into a note on stderr.
 */
final class HookWork {
    static final int MAX_INPUT_BYTES = 1 << 20;

    private final ProjectResolver resolver;
    private final Path dataDir;

    HookWork(ProjectResolver resolver, Path dataDir) {
        this.resolver = resolver;
        this.dataDir = dataDir;
    }

    /** A problem that is no fault of the agent: say it in one line on stderr, print nothing. */
    static final class Skipped extends RuntimeException {
        Skipped(String message) {
            super(message, null, false, false);
        }
    }

    /** The text to print on stdout (may be empty). */
    String run(HookEvent event, InputStream stdin, int maxBytes, boolean jsonOutput) throws IOException {
        byte[] bytes = stdin.readNBytes(MAX_INPUT_BYTES + 1);
        if (bytes.length > MAX_INPUT_BYTES) {
            throw new Skipped("hook input is larger than " + MAX_INPUT_BYTES + " bytes");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        Map<String, String> input;
        try {
            input = text.isBlank() ? Map.of() : TopLevelStrings.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Skipped("hook input is not usable: " + e.getMessage());
        }
        Path cwd = directory(input.get("cwd"));
        Path db = dataDir.resolve(SqliteMemoryStore.FILE_NAME);
        if (!Files.isRegularFile(db)) {
            throw new Skipped("no memory database at " + db + " yet");
        }
        String sessionId = blankToNull(input.get("session_id"));
        return switch (event) {
            case SESSION_START -> sessionStart(resolver.resolve(null, cwd), sessionId, cwd, maxBytes, jsonOutput);
            case PRE_COMPACT -> preCompact(resolver.resolve(null, cwd), sessionId, input);
            case SESSION_END -> sessionEnd(sessionId);
        };
    }

    private String sessionStart(ResolvedProject project, String sessionId, Path cwd, int maxBytes, boolean jsonOutput) {
        ContextBudget.Fitted fitted;
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dataDir)) {
            if (sessionId != null) {
                store.startSession(sessionId, project.project(), cwd.toString());
            }
            fitted = store.contextWithin(project.project(), maxBytes);
        }
        if (!jsonOutput) {
            return fitted.text();
        }
        if (fitted.text().isEmpty()) {
            return "";
        }
        return additionalContext(HookEvent.SESSION_START.agentName, fitted.text());
    }

    private String preCompact(ResolvedProject project, String sessionId, Map<String, String> input) {
        if (sessionId == null) {
            throw new Skipped("hook input has no session_id; nothing recorded");
        }
        String trigger = blankToNull(input.get("trigger"));
        String transcript = blankToNull(input.get("transcript_path"));
        String content = "The agent compacted the context of session " + sessionId + " at " + Instant.now()
                + (trigger == null ? "" : " (trigger: " + trigger + ")")
                + (transcript == null ? "." : "; transcript: " + transcript + ".");
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dataDir)) {
            store.save(new NewObservation(sessionId, "session_marker", "Context compacted in session " + sessionId, content,
                    "engram-hook", project.project(), null, "session/" + sessionId + "/compaction"));
        }
        return "";
    }

    private String sessionEnd(String sessionId) {
        if (sessionId == null) {
            throw new Skipped("hook input has no session_id; nothing to end");
        }
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dataDir)) {
            store.endSession(sessionId, null);
        }
        return "";
    }

    /** The directory the agent runs in: {@code cwd} when it names one, else this process's working directory. */
    private static Path directory(String cwd) {
        if (cwd != null && !cwd.isBlank()) {
            try {
                Path p = Path.of(cwd);
                if (p.isAbsolute() && Files.isDirectory(p)) {
                    return p;
                }
            } catch (InvalidPathException e) {
                // falls back below
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** {@code {"hookSpecificOutput":{"hookEventName":EVENT,"additionalContext":TEXT}}} and a newline. */
    static String additionalContext(String eventName, String text) {
        StringBuilder out = new StringBuilder(text.length() + 96).append("{\"hookSpecificOutput\":{\"hookEventName\":");
        JsonStrings.quote(eventName, out).append(",\"additionalContext\":");
        return JsonStrings.quote(text, out).append("}}\n").toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
