package dev.engram.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The in-memory index: exact below its threshold, sign-bit prefilter above it, filters and replacement. */
class VectorIndexTest {
    static final int DIMS = 64;

    private static float[] unit(Random r) {
        float[] v = new float[DIMS];
        double norm = 0;
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) r.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < DIMS; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static float[] near(float[] v, Random r, double noise) {
        float[] out = v.clone();
        double norm = 0;
        for (int i = 0; i < DIMS; i++) {
            out[i] += (float) (r.nextGaussian() * noise);
            norm += out[i] * out[i];
        }
        for (int i = 0; i < DIMS; i++) {
            out[i] /= (float) Math.sqrt(norm);
        }
        return out;
    }

    @Test
    void aboveTheExactThresholdTheSignBitPrefilterStillFindsTheNearest() {
        Random r = new Random(3);
        VectorIndex index = new VectorIndex(DIMS);
        int n = VectorIndex.EXACT_UP_TO + 5_000;
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            vectors[i] = unit(r);
            index.put(new VectorIndex.Entry(i + 1, "v", "p" + (i % 3), "t", "project"), Int8Vectors.encode(vectors[i]));
        }
        for (int probe = 0; probe < 50; probe++) {
            int target = r.nextInt(n);
            List<VectorIndex.Scored> top = index.search(near(vectors[target], r, 0.02), VectorIndex.Filter.NONE, 5);
            assertThat(top).hasSize(5);
            assertThat(top.getFirst().id()).isEqualTo(target + 1L);
            assertThat(top.getFirst().score()).isGreaterThan(0.9);
        }
    }

    @Test
    void filtersReplacementAndRemovalHold() {
        Random r = new Random(4);
        VectorIndex index = new VectorIndex(DIMS);
        float[] a = unit(r);
        index.put(new VectorIndex.Entry(1, "v1", "alpha", "decision", "project"), Int8Vectors.encode(a));
        index.put(new VectorIndex.Entry(2, "v1", "beta", "bugfix", "personal"), Int8Vectors.encode(near(a, r, 0.01)));
        assertThat(index.search(a, new VectorIndex.Filter("beta", null, null), 5)).extracting(VectorIndex.Scored::id).containsExactly(2L);
        assertThat(index.search(a, new VectorIndex.Filter(null, "decision", null), 5)).extracting(VectorIndex.Scored::id).containsExactly(1L);
        assertThat(index.search(a, new VectorIndex.Filter(null, null, "personal"), 5)).extracting(VectorIndex.Scored::id).containsExactly(2L);
        assertThat(index.search(a, new VectorIndex.Filter("gamma", null, null), 5)).isEmpty();

        index.put(new VectorIndex.Entry(1, "v2", "beta", "decision", "project"), Int8Vectors.encode(unit(r)));
        assertThat(index.holds(1, "v2")).isTrue();
        assertThat(index.search(a, new VectorIndex.Filter("alpha", null, null), 5)).isEmpty();
        index.remove(2);
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.search(a, VectorIndex.Filter.NONE, 5)).extracting(VectorIndex.Scored::id).containsExactly(1L);
        assertThat(index.put(new VectorIndex.Entry(3, "v", "alpha", "t", "project"), new byte[] {1, 2, 3})).isFalse();
        assertThat(index.size()).isEqualTo(1);
    }
}
