package dev.engram.cloud;

import java.util.List;

/** Outcome of storing one push: a seq per entry in order, and how many of them are new (the rest were repeats). */
record AppendResult(List<Long> seqs, int stored) {
    AppendResult {
        seqs = List.copyOf(seqs);
    }
}
