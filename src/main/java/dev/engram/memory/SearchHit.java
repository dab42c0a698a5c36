package dev.engram.memory;

/**
 * One search result. {@code rank} is the bm25 score (lower is better); it is 0 when the query matched
 * so many observations that results are ordered newest first instead. {@code snippet} is the part of
 * the content around the match, matched words in [brackets].
 */
public record SearchHit(Observation observation, double rank, String snippet) {
}
