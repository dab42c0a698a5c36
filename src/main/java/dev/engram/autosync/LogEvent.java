package dev.engram.autosync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.event.Level;

/**
 * The catalogue of autosync log events (contract 7): every line the manager writes, its message, its
 * level(s) and its fields, in one place. {@link LogLines} says which event becomes which line, a
 * {@link LogLine} can only be built with exactly the fields named here, and a test checks the table
 * in {@code docs/sync.md} against this enum. A new event is one constant here, one case in
 * {@link LogLines} (the compiler asks for it) and one row in the docs (the test asks for it).
 */
public enum LogEvent {
    MANAGER_STARTED("manager started", levels(Level.INFO), names("target_key", "poll_interval", "push_batch", "pull_batch"),
            names("debounce", "lease_owner")),
    MANAGER_STOPPED("manager stopped", levels(Level.INFO), names("target_key"), names()),
    CYCLE_SKIPPED_BACKOFF("cycle skipped: backoff active", levels(Level.DEBUG), names("backoff_until", "consecutive_failures"),
            names()),
    /** WARN once per backoff window, DEBUG for the repeats. */
    CYCLE_SKIPPED_MAX_FAILURES("cycle skipped: max failures", levels(Level.WARN, Level.DEBUG), names("consecutive_failures", "max"),
            names("backoff_until")),
    LEASE_ERROR("lease error", levels(Level.WARN), names("cycle_id", "error"), names("reason_code")),
    LEASE_HELD("lease held by another worker", levels(Level.DEBUG), names("cycle_id", "lease_owner"), names("lease_until")),
    PUSH_SKIPPED("push skipped: nothing pending", levels(Level.DEBUG), names("cycle_id"), names()),
    PUSHING("pushing mutations", levels(Level.DEBUG), names("cycle_id", "count"), names()),
    PROJECT_BATCH_PUSHED("project batch pushed", levels(Level.DEBUG), names("cycle_id", "project", "mutations"), names()),
    PUSH_FAILED("push failed", levels(Level.WARN), names("cycle_id", "error", "elapsed", "reason_code"), names("project")),
    PULL_SKIPPED("pull skipped: already up to date", levels(Level.DEBUG), names("cycle_id", "last_seq"), names()),
    PULL_COMPLETE("pull complete", levels(Level.DEBUG), names("cycle_id", "mutations_applied", "last_seq"),
            names("stale", "set_aside", "server_latest_seq")),
    PULL_FAILED("pull failed", levels(Level.WARN), names("cycle_id", "error", "elapsed", "reason_code"),
            names("mutations_applied")),
    MUTATION_SET_ASIDE("pulled mutation set aside", levels(Level.WARN), names("cycle_id", "seq", "mutation_id", "entity", "op",
            "error"), names()),
    LOCAL_WRITE_SET_ASIDE("local write set aside", levels(Level.WARN), names("cycle_id", "project", "mutation_id", "entity",
            "error"), names("field")),
    REPLICA_IDENTITY_RENEWED("replica identity renewed", levels(Level.WARN), names("cycle_id", "previous_replica_id",
            "replica_id"), names("conflicts")),
    SERVER_RESET("server reset detected", levels(Level.INFO), names("cycle_id", "reason", "server_id"),
            names("previous_server_id", "previous_cursor", "server_latest_seq", "requeued")),
    HISTORY_REQUESTED("pulling history of new projects", levels(Level.INFO), names("cycle_id", "projects"),
            names("previous_cursor")),
    FAILURE_RECORDED("failure recorded", levels(Level.WARN), names("cycle_id", "error", "consecutive_failures", "backoff_until",
            "reason_code"), names()),
    SYNC_HEALTHY("sync healthy", levels(Level.INFO), names("cycle_id", "last_sync_at"), names()),
    CYCLE_COMPLETE("cycle complete", levels(Level.DEBUG), names("cycle_id", "elapsed"), names("ok")),
    /** The only line with a stack: the encoders write it as {@code exception}. */
    CYCLE_CRASHED("cycle crashed", levels(Level.ERROR), names("cycle_id", "error"), names(), true);

    /** The field name under which the encoders write a line's stack. */
    public static final String STACK_FIELD = "exception";

    private final String msg;
    private final List<Level> levels;
    private final List<String> required;
    private final List<String> more;
    private final boolean stack;

    LogEvent(String msg, List<Level> levels, List<String> required, List<String> more) {
        this(msg, levels, required, more, false);
    }

    LogEvent(String msg, List<Level> levels, List<String> required, List<String> more, boolean stack) {
        this.msg = msg;
        this.levels = levels;
        this.required = required;
        this.more = more;
        this.stack = stack;
    }

    /** The message: a stable event name. */
    public String msg() {
        return msg;
    }

    /** The level of the line; the others of {@link #levels()} are for repeats. */
    public Level level() {
        return levels.getFirst();
    }

    public List<Level> levels() {
        return levels;
    }

    /** The fields the contract requires, in the order they are written. */
    public List<String> required() {
        return required;
    }

    /** Fields beyond the contract's, written after the required ones. */
    public List<String> more() {
        return more;
    }

    /** Every field a line of this event has ({@link #STACK_FIELD} included when it carries a stack), in order. */
    public List<String> fields() {
        List<String> all = new ArrayList<>(required);
        all.addAll(more);
        if (stack) {
            all.add(STACK_FIELD);
        }
        return List.copyOf(all);
    }

    public boolean carriesStack() {
        return stack;
    }

    /** The catalogue entry with message {@code msg}, or null. */
    public static LogEvent byMsg(String msg) {
        for (LogEvent e : values()) {
            if (e.msg.equals(msg)) {
                return e;
            }
        }
        return null;
    }

    /** A line at {@link #level()} with one value per field, in the order of {@link #required()} then {@link #more()}. */
    LogLine line(Object... values) {
        return lineAt(level(), values);
    }

    /** A line at {@code level}, which must be one of this event's levels. */
    LogLine lineAt(Level level, Object... values) {
        if (!levels.contains(level)) {
            throw new IllegalArgumentException(msg + " is not logged at " + level);
        }
        int count = required.size() + more.size();
        if (values.length != count) {
            throw new IllegalArgumentException(msg + " has " + count + " fields, got " + values.length + " values");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            fields.put(i < required.size() ? required.get(i) : more.get(i - required.size()), values[i]);
        }
        return new LogLine(this, level, Collections.unmodifiableMap(fields), null);
    }

    private static List<Level> levels(Level... levels) {
        return List.of(levels);
    }

    private static List<String> names(String... names) {
        return List.of(names);
    }

    /**
     * One rendered event: what the logging listener writes. Values are ids, counts, durations, times,
     * reason codes and one-line errors; never tokens, titles or content.
     *
     * @param cause the stack to write, only for an event that {@link LogEvent#carriesStack()}
     */
    public record LogLine(LogEvent event, Level level, Map<String, Object> fields, Throwable cause) {
        public LogLine {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(level, "level");
        }

        LogLine withCause(Throwable t) {
            if (!event.stack) {
                throw new IllegalArgumentException(event.msg + " carries no stack");
            }
            return new LogLine(event, level, fields, t);
        }
    }
}
