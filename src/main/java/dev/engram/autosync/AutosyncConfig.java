package dev.engram.autosync;

import dev.engram.base.Durations;
import dev.engram.base.InvalidInputException;
import dev.engram.sync.SyncSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The manager's settings (contract 3), validated when built: a bad value fails with a message that
 * names the environment variable; nothing is clamped silently.
 *
 * @param server      the cloud base URL, shown in the status record (never the token); may be null
 * @param pollInterval how often a pass runs when nothing else asks for one ({@code ENGRAM_AUTOSYNC_POLL_INTERVAL}, 30s)
 * @param debounce    how long a burst of local writes may settle before a pass ({@code ENGRAM_AUTOSYNC_DEBOUNCE}, 500ms);
 *                    a burst that keeps writing is synced at most {@link #MAX_DEBOUNCE_FACTOR} debounces after its first write
 * @param sync        push and pull batch sizes and the lease TTL ({@code ENGRAM_AUTOSYNC_PUSH_BATCH}, {@code _PULL_BATCH}, {@code _LEASE_TTL})
 * @param backoff     base and cap of the delay after a failure ({@code ENGRAM_AUTOSYNC_BASE_BACKOFF} 1s, {@code _MAX_BACKOFF} 5m)
 * @param maxFailures the failure ceiling: from this many consecutive failures on, skipped cycles warn
 *                    ({@code ENGRAM_AUTOSYNC_MAX_FAILURES}, 10); retries still go on at the backoff cap
 * @param autosync    whether this process has autosync configured (server, token and autosync on); false for
 *                    a manager that only runs {@code engram sync} passes. It becomes {@code enabled} in the status
 *                    record this process persists, and without it a successful pass leaves the phase
 *                    {@code disabled} ({@code paused}) and a failed one sets no {@code backoff_until}
 */
public record AutosyncConfig(String server, Duration pollInterval, Duration debounce, SyncSettings sync, Backoff backoff,
        int maxFailures, boolean autosync) {

    /** The target every event names; one cloud per data directory. */
    public static final String TARGET_KEY = "cloud";
    public static final int MAX_DEBOUNCE_FACTOR = 10;

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(500);
    public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
    public static final int DEFAULT_MAX_FAILURES = 10;

    /** A configuration of a process that runs autosync. */
    public AutosyncConfig(String server, Duration pollInterval, Duration debounce, SyncSettings sync, Backoff backoff,
            int maxFailures) {
        this(server, pollInterval, debounce, sync, backoff, maxFailures, true);
    }

    public AutosyncConfig {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(debounce, "debounce");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(backoff, "backoff");
        if (pollInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new InvalidInputException("ENGRAM_AUTOSYNC_POLL_INTERVAL",
                    "ENGRAM_AUTOSYNC_POLL_INTERVAL must be at least 100ms, was " + pollInterval.toMillis() + "ms");
        }
        if (debounce.isNegative() || debounce.compareTo(pollInterval) > 0) {
            throw new InvalidInputException("ENGRAM_AUTOSYNC_DEBOUNCE", "ENGRAM_AUTOSYNC_DEBOUNCE must be between 0ms and "
                    + "the poll interval (" + pollInterval.toMillis() + "ms), was " + debounce.toMillis() + "ms");
        }
        if (maxFailures < 1) {
            throw new InvalidInputException("ENGRAM_AUTOSYNC_MAX_FAILURES",
                    "ENGRAM_AUTOSYNC_MAX_FAILURES must be at least 1, was " + maxFailures);
        }
    }

    /** The documented defaults, for {@code server}. */
    public static AutosyncConfig defaults(String server) {
        return new AutosyncConfig(server, DEFAULT_POLL_INTERVAL, DEFAULT_DEBOUNCE, SyncSettings.DEFAULTS, DEFAULT_BACKOFF,
                DEFAULT_MAX_FAILURES);
    }

    /**
     * Reads {@code ENGRAM_AUTOSYNC_*} from {@code env} (usually {@code System.getenv()}); an unset or
     * blank variable takes its default.
     *
     * @throws InvalidInputException naming the variable whose value is malformed or out of range
     */
    public static AutosyncConfig fromEnv(Map<String, String> env, String server) {
        SyncSettings sync = new SyncSettings(
                integer(env, "ENGRAM_AUTOSYNC_PUSH_BATCH", SyncSettings.DEFAULTS.pushBatch()),
                integer(env, "ENGRAM_AUTOSYNC_PULL_BATCH", SyncSettings.DEFAULTS.pullBatch()),
                duration(env, "ENGRAM_AUTOSYNC_LEASE_TTL", SyncSettings.DEFAULTS.leaseTtl()));
        Backoff backoff = new Backoff(duration(env, "ENGRAM_AUTOSYNC_BASE_BACKOFF", DEFAULT_BACKOFF.base()),
                duration(env, "ENGRAM_AUTOSYNC_MAX_BACKOFF", DEFAULT_BACKOFF.max()));
        return new AutosyncConfig(server, duration(env, "ENGRAM_AUTOSYNC_POLL_INTERVAL", DEFAULT_POLL_INTERVAL),
                duration(env, "ENGRAM_AUTOSYNC_DEBOUNCE", DEFAULT_DEBOUNCE), sync, backoff,
                integer(env, "ENGRAM_AUTOSYNC_MAX_FAILURES", DEFAULT_MAX_FAILURES));
    }

    /** The same settings for a process whose autosync is {@code on} or not (see {@link #autosync}). */
    public AutosyncConfig withAutosync(boolean on) {
        return new AutosyncConfig(server, pollInterval, debounce, sync, backoff, maxFailures, on);
    }

    /** The longest a burst of writes may postpone a pass. */
    Duration maxDebounce() {
        return debounce.multipliedBy(MAX_DEBOUNCE_FACTOR);
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String text = env.get(name);
        return text == null || text.isBlank() ? fallback : Durations.parse(name, text);
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, name + " must be a whole number, was '" + text + "'");
        }
    }
}
