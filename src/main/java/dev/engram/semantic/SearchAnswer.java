package dev.engram.semantic;

import dev.engram.memory.SearchHit;
import java.util.List;

/**
 * The outcome of a search: the hits, the mode that ran, the mode asked for (null: the default), how much of
 * the semantic index was ready, and a note for the user when the mode that ran is not the one asked for.
 */
public record SearchAnswer(List<SearchHit> hits, SearchMode mode, SearchMode requested, IndexCoverage index, String note) {
}
