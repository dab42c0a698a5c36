package dev.engram.semantic;

import java.util.Locale;

/**
 * How much of the semantic index is ready: {@code indexed} of {@code total} live observations have a current
 * vector in this process. {@code state} is one of {@link State}.
 */
public record IndexCoverage(State state, String model, long indexed, long total) {

    public enum State {
        /** Semantic search is switched off here (a one-shot command, or {@code ENGRAM_SEMANTIC=off}). */
        OFF,
        /** The embedding model is loading. */
        LOADING_MODEL,
        /** Vectors are being computed or read. */
        BUILDING,
        /** Every live observation has a current vector. */
        READY,
        /** The model could not be loaded; keyword search only. */
        UNAVAILABLE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static IndexCoverage off() {
        return new IndexCoverage(State.OFF, null, 0, 0);
    }

    /** Indexed share of the live observations, 0 to 1 (1 when there are none). */
    public double fraction() {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) indexed / total);
    }
}
