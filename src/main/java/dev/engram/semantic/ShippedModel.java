package dev.engram.semantic;

import java.util.function.Supplier;

/**
 * The model this build ships and how to start semantic search with it. Referencing this class loads nothing
 * heavy: the model's classes load only when {@link #loader} is called.
 */
public final class ShippedModel {
    public static final ModelSpec SPEC = ModelSpec.ALL_MINILM_L6_V2_Q;

    private ShippedModel() {
    }

    /** Loads the shipped model, embedding with {@code threads} threads. */
    public static Supplier<Embedder> loader(int threads) {
        return () -> OnnxEmbedder.load(SPEC, threads);
    }

    /** A semantic index of {@code store} over the shipped model (not loaded yet). */
    public static SemanticIndex index(dev.engram.memory.SqliteMemoryStore store, int threads) {
        return new SemanticIndex(store, SPEC, loader(threads));
    }
}
