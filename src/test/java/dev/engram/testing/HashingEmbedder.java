package dev.engram.testing;

import dev.engram.semantic.Embedder;
import dev.engram.semantic.ModelSpec;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake model: each word (lower case, first four letters, so that "pooling" and "pool" meet) adds a fixed
 * pseudo-random direction; the sum is normalized. Fast and deterministic; counts the texts it embedded.
 */
public final class HashingEmbedder implements Embedder {
    public static final ModelSpec SPEC = new ModelSpec("hashing-test", "1", "none", "none", 64, "", "");
    public static final ModelSpec OTHER = new ModelSpec("hashing-test", "2", "none", "none", 64, "", "");

    private final ModelSpec spec;
    public final AtomicInteger passages = new AtomicInteger();

    public HashingEmbedder(ModelSpec spec) {
        this.spec = spec;
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
        passages.incrementAndGet();
        return embed(text);
    }

    @Override
    public float[] embedQuery(String text) {
        return embed(text);
    }

    private float[] embed(String text) {
        float[] v = new float[spec.dimensions()];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String stem = word.length() > 4 ? word.substring(0, 4) : word;
            java.util.Random r = new java.util.Random(stem.hashCode());
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) r.nextGaussian();
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    @Override
    public void close() {
    }
}
