package dev.engram.semantic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.engram.base.EngramException;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;

/**
 * A model of {@link ModelSpec} run in process by ONNX Runtime, its weights and tokenizer read from the class
 * path (nothing is downloaded). Loading costs about a second and 100 MB; only the processes that search by
 * meaning load it. Texts are cut to {@link #MAX_CHARS} characters: the model reads a few hundred words at most,
 * and the cost grows with the length.
 */
public final class OnnxEmbedder implements Embedder {
    static final int MAX_CHARS = 1_200;

    private final ModelSpec spec;
    private final OrtSession session;
    private final Model model;

    private OnnxEmbedder(ModelSpec spec, OrtSession session, Model model) {
        this.spec = spec;
        this.session = session;
        this.model = model;
    }

    /** Loads {@code spec} with ONNX Runtime using {@code threads} threads per embedding. */
    public static OnnxEmbedder load(ModelSpec spec, int threads) {
        ClassLoader loader = OnnxEmbedder.class.getClassLoader();
        try (InputStream weights = loader.getResourceAsStream(spec.onnxResource());
             InputStream tokenizer = loader.getResourceAsStream(spec.tokenizerResource())) {
            if (weights == null || tokenizer == null) {
                throw new EngramException("the embedding model " + spec.name() + " is missing from this build");
            }
            byte[] bytes = weights.readAllBytes();
            return OrtGate.call(() -> {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(Math.max(1, threads));
                options.setInterOpNumThreads(1);
                OrtSession session = env.createSession(bytes, options);
                OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN);
                return new OnnxEmbedder(spec, session, new Model(encoder, spec.dimensions()));
            });
        } catch (IOException | OrtException e) {
            throw new EngramException("cannot load the embedding model " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String model() {
        return spec.id();
    }

    @Override
    public int dimensions() {
        return spec.dimensions();
    }

    @Override
    public float[] embedPassage(String text) {
        return embed(spec.passagePrefix() + text);
    }

    @Override
    public float[] embedQuery(String text) {
        return embed(spec.queryPrefix() + text);
    }

    private float[] embed(String text) {
        String cut = text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
        float[] v = OrtGate.call(() -> model.embed(cut.isBlank() ? "." : cut).content().vector());
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }

    @Override
    public void close() {
        try {
            OrtGate.call(() -> {
                session.close();
                return null;
            });
        } catch (OrtException | OrtGate.ClosedException ignored) {
            // closing, or the process is exiting (the runtime frees everything then): nothing to do about it
        }
    }

    /** LangChain4j's in-process model around our own session (thread count chosen here), embedding in the calling thread. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;
        private final int dimensions;

        Model(OnnxBertBiEncoder encoder, int dimensions) {
            super(Runnable::run);
            this.encoder = encoder;
            this.dimensions = dimensions;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return dimensions;
        }
    }
}
