package dev.engram.memory;

/** One search result; a lower {@code rank} is better (bm25). {@code snippet} highlights the match with [ ]. */
public record SearchHit(Observation observation, double rank, String snippet) {
}
