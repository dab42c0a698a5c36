package dev.engram.autosync;

import java.util.List;

/**
 * Receives the manager's events on the thread that produced them (the manager's thread, or the caller
 * of a one-shot sync). Implementations must be cheap and should not throw; an exception they throw is
 * swallowed so that observability can never stop sync.
 */
@FunctionalInterface
public interface AutosyncListener {
    AutosyncListener NONE = event -> { };

    void on(AutosyncEvent event);

    /** Sends every event to each of {@code listeners}, in order (logging and metrics, say); one that throws does not starve the others. */
    static AutosyncListener all(AutosyncListener... listeners) {
        List<AutosyncListener> copy = List.of(listeners);
        return event -> {
            for (AutosyncListener l : copy) {
                try {
                    l.on(event);
                } catch (RuntimeException e) {
                    // observability must never stop sync, nor the other listeners
                }
            }
        };
    }
}
