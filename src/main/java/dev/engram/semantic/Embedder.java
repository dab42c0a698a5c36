package dev.engram.semantic;

/** Turns text into a unit-length vector. Thread-safe. */
public interface Embedder extends AutoCloseable {
    /** Names the model, its version and the vector encoding: vectors of another id are recomputed. */
    String model();

    int dimensions();

    /** The vector of a stored memory. */
    float[] embedPassage(String text);

    /** The vector of a search query (some models mark queries and passages differently). */
    float[] embedQuery(String text);

    @Override
    void close();
}
