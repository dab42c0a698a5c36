package dev.engram.autosync;

import java.util.Locale;

/** Where sync stands (contract 6). */
public enum Phase {
    /** Configured, no pass has finished since the process started. */
    IDLE,
    /** A pass is sending the journal. */
    PUSHING,
    /** A pass is pulling and applying. */
    PULLING,
    /** The last pass failed while pushing; a retry waits for {@code backoff_until}. */
    PUSH_FAILED,
    /** The last pass failed while pulling; a retry waits for {@code backoff_until}. */
    PULL_FAILED,
    /** The last pass crashed inside this process; a retry waits for {@code backoff_until}. */
    BACKOFF,
    /** The last pass succeeded. */
    HEALTHY,
    /** Autosync is not configured or turned off. */
    DISABLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The phase spelled {@code wire}; {@link #IDLE} for null or an unknown spelling. */
    public static Phase fromWire(String wire) {
        for (Phase p : values()) {
            if (p.wire().equals(wire)) {
                return p;
            }
        }
        return IDLE;
    }
}
