package dev.engram.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two ways hybrid search merges its keyword and semantic candidates. Reciprocal rank fusion: an item's score
 * is the sum over the rankings of {@code 1 / (K + rank)} (rank from 1); it needs no calibration between bm25 and
 * cosine scores, and an item both rankings agree on rises to the top. Meaning first: cosine similarity plus a
 * small bonus for the keyword rank, for a keyword list that is only an any-word match.
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

    /** The keyword bonus of {@link #byMeaningFirst} for the first keyword hit; it halves, thirds... down the list. */
    static final double KEYWORD_BONUS = 0.1;

    /**
     * Orders candidates by cosine similarity plus a small bonus for their keyword rank ({@code KEYWORD_BONUS / rank}):
     * for a query no memory holds every word of, whose keyword list is an any-word match.
     */
    static List<Fused> byMeaningFirst(List<Long> candidates, double[] similarity, List<Long> keywordRanking) {
        Map<Long, Integer> keywordRank = new HashMap<>();
        for (int i = 0; i < keywordRanking.size(); i++) {
            keywordRank.putIfAbsent(keywordRanking.get(i), i + 1);
        }
        List<Fused> out = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Integer rank = keywordRank.get(candidates.get(i));
            double meaning = Double.isNaN(similarity[i]) ? 0 : similarity[i];
            out.add(new Fused(candidates.get(i), meaning + (rank == null ? 0 : KEYWORD_BONUS / rank)));
        }
        out.sort((a, b) -> Double.compare(b.score(), a.score()));
        return out;
    }
}
