package dev.engram.cloud;

import dev.engram.protocol.ErrorDetail;
import java.util.List;

/** Outcome of storing one push: either all of it (a seq per entry) or none of it (its mutation id conflicts). */
sealed interface AppendResult {

    /** Stored: a seq per entry in order, and how many of them are new (the rest were repeats). */
    record Stored(List<Long> seqs, int stored) implements AppendResult {
        public Stored {
            seqs = List.copyOf(seqs);
        }
    }

    /**
     * Refused, nothing stored: these entries repeat a mutation id stored before (or earlier in the
     * push) with another payload or from another token; one detail per entry, field {@code mutation_id}.
     */
    record Conflict(List<ErrorDetail> conflicts) implements AppendResult {
        public Conflict {
            conflicts = List.copyOf(conflicts);
        }
    }
}
