package dev.engram.semantic;

import dev.engram.base.InvalidInputException;
import dev.engram.memory.Observation;
import dev.engram.memory.Projects;
import dev.engram.memory.Scope;
import dev.engram.memory.SearchHit;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.memory.VectorTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The search of the front doors: keyword (bm25), semantic (nearest vectors) or hybrid (both, fused by
 * reciprocal rank, or by meaning with a keyword bonus when no memory holds every word of the query), with the same filters and snippets in every mode. Without a mode it runs hybrid when the
 * model is loaded and the index covers at least {@link #DEFAULT_HYBRID_FROM} of the live observations (the
 * keyword half still finds the rest), keyword otherwise. Asked for a mode it cannot run yet, it runs keyword
 * and says why. Never waits for the index.
 */
public final class Recall {
    static final double DEFAULT_HYBRID_FROM = 0.95;
    /** How deep the semantic ranking goes before fusion (cheap: the vectors are in memory). */
    static final int CANDIDATES = 50;
    /** How deep the keyword ranking goes before fusion: each keyword hit costs a row read and a snippet (50 cost 14 ms at 100k). */
    static final int KEYWORD_CANDIDATES = 20;
    static final int SNIPPET_CHARS = 160;

    private final SqliteMemoryStore store;
    private final SemanticIndex index;
    private final VectorTable table;

    /** {@code index} null: keyword only (the answer says the semantic index is off). */
    public Recall(SqliteMemoryStore store, SemanticIndex index) {
        this.store = store;
        this.index = index;
        this.table = new VectorTable(store);
    }

    /** Keyword search only: one-shot commands that do not load the model. */
    public static Recall keywordOnly(SqliteMemoryStore store) {
        return new Recall(store, null);
    }

    public IndexCoverage coverage() {
        return index == null ? IndexCoverage.off() : index.coverage();
    }

    /** Runs {@code query} in {@code requested} mode (null: the default). Filters and limit are checked in every mode. */
    public SearchAnswer search(SearchQuery query, SearchMode requested) {
        int limit = limit(query.limit());
        VectorIndex.Filter filter = filter(query);
        IndexCoverage coverage = coverage();
        boolean usable = index != null && index.modelLoaded() && coverage.indexed() > 0;
        SearchMode mode;
        String note = null;
        if (requested == SearchMode.KEYWORD) {
            mode = SearchMode.KEYWORD;
        } else if (requested == null) {
            mode = usable && coverage.fraction() >= DEFAULT_HYBRID_FROM ? SearchMode.HYBRID : SearchMode.KEYWORD;
            if (mode == SearchMode.KEYWORD && index != null) {
                note = notReady(coverage) + "; ran keyword search";
            }
        } else if (!usable) {
            mode = SearchMode.KEYWORD;
            note = notReady(coverage) + "; ran keyword search instead of " + requested.wire();
        } else {
            mode = requested;
            if (coverage.fraction() < 1.0) {
                note = "the semantic index covers " + percent(coverage) + " of the observations so far";
            }
        }
        String text = query.text() == null ? "" : query.text();
        List<SearchHit> hits = switch (mode) {
            case KEYWORD -> keyword(query, limit);
            case SEMANTIC -> text.isBlank() ? List.of() : semantic(query, index.embedQuery(text), filter, limit);
            case HYBRID -> hybrid(query, text, filter, limit);
        };
        return new SearchAnswer(hits, mode, requested, coverage, note);
    }

    private List<SearchHit> keyword(SearchQuery q, int limit) {
        return store.search(new SearchQuery(q.text(), q.type(), q.project(), q.scope(), limit));
    }

    /** The nearest observations that are live and pass the filters, best first (their rows are not read). */
    private List<VectorIndex.Scored> nearestLive(SearchQuery q, float[] vector, VectorIndex.Filter filter, int k) {
        if (vector == null || k == 0) {
            return List.of();
        }
        List<VectorIndex.Scored> near = index.nearest(vector, filter, k);
        java.util.Set<Long> live = table.liveIds(near.stream().map(VectorIndex.Scored::id).toList(), q);
        return near.stream().filter(s -> live.contains(s.id())).toList();
    }

    private List<SearchHit> semantic(SearchQuery q, float[] vector, VectorIndex.Filter filter, int limit) {
        List<VectorIndex.Scored> near = nearestLive(q, vector, filter, Math.max(limit, CANDIDATES));
        near = near.subList(0, Math.min(limit, near.size()));
        Map<Long, Observation> rows = table.live(near.stream().map(VectorIndex.Scored::id).toList(), q);
        List<SearchHit> out = new ArrayList<>();
        for (VectorIndex.Scored s : near) {
            Observation o = rows.get(s.id());
            if (o != null) {
                out.add(new SearchHit(o, -s.score(), lead(o.content())));
            }
        }
        return out;
    }

    private List<SearchHit> hybrid(SearchQuery q, String text, VectorIndex.Filter filter, int limit) {
        if (limit == 0) {
            return List.of();
        }
        List<SearchHit> byWords = keyword(q, Math.max(limit, KEYWORD_CANDIDATES));
        float[] vector = text.isBlank() ? null : index.embedQuery(text);
        List<Long> byMeaning = nearestLive(q, vector, filter, CANDIDATES).stream().map(VectorIndex.Scored::id).toList();
        // When some memory holds every word of the query, both rankings are evidence: reciprocal rank fusion.
        // Otherwise the keyword list is an any-word match (often on common words): order by meaning, the keyword
        // rank adding a small bonus. Measured against plain and weighted fusion in docs/benchmarks.md.
        List<Fusion.Fused> fused;
        if (vector == null || table.someObservationHasEveryWord(text)) {
            fused = Fusion.reciprocalRank(List.of(ids(byWords), byMeaning));
        } else {
            List<Long> union = new ArrayList<>(byMeaning);
            for (long id : ids(byWords)) {
                if (!union.contains(id)) {
                    union.add(id);
                }
            }
            fused = Fusion.byMeaningFirst(union, index.similarity(vector, union), ids(byWords));
        }
        List<Fusion.Fused> top = fused.subList(0, Math.min(limit, fused.size()));
        Map<Long, SearchHit> keywordHits = new java.util.HashMap<>();
        byWords.forEach(h -> keywordHits.put(h.observation().id(), h));
        Map<Long, Observation> rows = table.live(top.stream().map(Fusion.Fused::id).filter(id -> !keywordHits.containsKey(id)).toList(), q);
        List<SearchHit> out = new ArrayList<>(top.size());
        for (Fusion.Fused f : top) {
            SearchHit h = keywordHits.get(f.id());
            Observation o = h != null ? h.observation() : rows.get(f.id());
            if (o != null) {
                out.add(new SearchHit(o, -f.score(), h != null ? h.snippet() : lead(o.content())));
            }
        }
        return out;
    }

    private static List<Long> ids(List<SearchHit> hits) {
        return hits.stream().map(h -> h.observation().id()).toList();
    }

    /** The start of the content, on word boundaries: the snippet of a hit found by meaning alone. */
    static String lead(String content) {
        String flat = content.strip().replaceAll("\\s+", " ");
        if (flat.length() <= SNIPPET_CHARS) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', SNIPPET_CHARS);
        return flat.substring(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS) + "...";
    }

    private static VectorIndex.Filter filter(SearchQuery q) {
        String project = Projects.normalizeOrNull(q.project());
        String scope = q.scope() == null || q.scope().isBlank() ? null : Scope.parse("scope", q.scope()).wire();
        String type = q.type() == null || q.type().isBlank() ? null : q.type().strip();
        return new VectorIndex.Filter(project, type, scope);
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return 10;
        }
        if (limit < 0 || limit > 100) {
            throw new InvalidInputException("limit", "limit must be between 0 and 100, was " + limit);
        }
        return limit;
    }

    private static String notReady(IndexCoverage c) {
        return switch (c.state()) {
            case OFF -> "semantic search is off here";
            case LOADING_MODEL -> "the embedding model is still loading";
            case UNAVAILABLE -> "the embedding model could not be loaded";
            case BUILDING, READY -> c.indexed() == 0 ? "the semantic index is empty (run 'engram index')"
                    : "the semantic index covers only " + percent(c) + " of the observations so far";
        };
    }

    private static String percent(IndexCoverage c) {
        return Math.round(c.fraction() * 1000) / 10.0 + "%";
    }
}
