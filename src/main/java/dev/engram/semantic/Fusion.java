package dev.engram.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reciprocal rank fusion: an item's score is the sum over the rankings of {@code 1 / (K + rank)} (rank from 1).
 * It needs no calibration between bm25 and cosine scores, and an item both rankings agree on rises to the top.
 */
final class Fusion {
    static final int K = 60;

    private Fusion() {
    }

    record Fused(long id, double score) {
    }

    /** The ids of every ranking (best first), fused, best first; ties keep the order of first appearance. */
    static List<Fused> reciprocalRank(List<List<Long>> rankings) {
        Map<Long, Double> scores = new HashMap<>();
        Set<Long> order = new LinkedHashSet<>();
        for (List<Long> ranking : rankings) {
            for (int i = 0; i < ranking.size(); i++) {
                long id = ranking.get(i);
                scores.merge(id, 1.0 / (K + i + 1), Double::sum);
                order.add(id);
            }
        }
        List<Fused> out = new ArrayList<>(order.size());
        order.forEach(id -> out.add(new Fused(id, scores.get(id))));
        out.sort((a, b) -> Double.compare(b.score(), a.score()));
        return out;
    }
}
