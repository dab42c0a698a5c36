/**
 * Semantic search: the embedding model that ships inside the product ({@link dev.engram.semantic.OnnxEmbedder},
 * loaded only by the processes that search by meaning), the in-memory vector index over the vectors that
 * {@link dev.engram.memory.VectorTable} stores, the background indexer that keeps them current, and
 * {@link dev.engram.semantic.Recall}, the one search entry of the front doors: keyword, semantic or hybrid
 * (reciprocal rank fusion), saying which mode ran and how much of the index was ready. Depends on {@code base},
 * {@code logging} and {@code memory} only; {@code memory} knows nothing of it.
 */
package dev.engram.semantic;
