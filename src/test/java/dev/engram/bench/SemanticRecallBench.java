package dev.engram.bench;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.semantic.Embedder;
import dev.engram.semantic.ModelSpec;
import dev.engram.semantic.OnnxEmbedder;
import dev.engram.semantic.Recall;
import dev.engram.semantic.SearchMode;
import dev.engram.semantic.SemanticIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Search quality: recall@5 and MRR (over the top 10) of keyword, semantic and hybrid search, on questions that
 * paraphrase their memory without sharing its key words and on questions that share them, with the targets
 * mixed into thousands of distractors about the same components ({@link RecallCorpus}). The result does not
 * depend on machine load; the indexing rate printed beside it does.
 *
 * <pre>bench/run dev.engram.bench.SemanticRecallBench [minilm|e5] [DISTRACTORS=10000] [DIR]</pre>
 *
 * With DIR, the database and its vectors are kept there and reused by a later run with the same model.
 */
public final class SemanticRecallBench {
    private SemanticRecallBench() {
    }

    public static void main(String[] args) throws Exception {
        ModelSpec spec = args.length > 0 && args[0].equals("e5") ? ModelSpec.E5_SMALL_V2_Q : ModelSpec.ALL_MINILM_L6_V2_Q;
        int distractors = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        RecallCorpus corpus = RecallCorpus.generate(600, distractors, 42);
        Path dir = args.length > 2 ? Files.createDirectories(Path.of(args[2])) : Files.createTempDirectory("engram-recall");
        long t0 = System.nanoTime();
        Embedder model = OnnxEmbedder.load(spec, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "model %s loaded in %d ms%n", spec.id(), (System.nanoTime() - t0) / 1_000_000);
        try (SqliteMemoryStore store = SqliteMemoryStore.openFile(dir.resolve("engram.db"), InstantSource.system(), new SecureRandom())) {
            List<Long> ids = new ArrayList<>();
            boolean seeded = store.stats().observations() == corpus.memories.size();
            for (int i = 0; i < corpus.memories.size(); i++) {
                RecallCorpus.Memory m = corpus.memories.get(i);
                ids.add(seeded ? i + 1L
                        : store.save(new NewObservation(null, m.type(), m.title(), m.content(), null, "bench", null, null)).observation().id());
            }
            SemanticIndex index = new SemanticIndex(store, spec, () -> model);
            index.loadModel();
            index.scanAll();
            long t1 = System.nanoTime();
            long n = 0;
            int step;
            while ((step = index.indexQueued(64)) > 0) {
                n += step;
            }
            double seconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "indexed %,d memories in %.1f s (%.0f/s, load-dependent)%n", n, seconds, n / seconds);
            Recall recall = new Recall(store, index);
            System.out.printf(Locale.ROOT, "%-10s %-9s %9s %9s%n", "questions", "mode", "recall@5", "MRR@10");
            for (boolean paraphrase : new boolean[] {true, false}) {
                for (SearchMode mode : SearchMode.values()) {
                    int found = 0;
                    double rr = 0;
                    int count = 0;
                    for (RecallCorpus.Question q : corpus.questions) {
                        if (q.paraphrase() != paraphrase) {
                            continue;
                        }
                        count++;
                        List<Long> hits = recall.search(new SearchQuery(q.text(), null, null, null, 10), mode).hits().stream()
                                .map(h -> h.observation().id()).toList();
                        int rank = hits.indexOf(ids.get(q.target()));
                        if (rank >= 0 && rank < 5) {
                            found++;
                        }
                        if (rank >= 0) {
                            rr += 1.0 / (rank + 1);
                        }
                    }
                    System.out.printf(Locale.ROOT, "%-10s %-9s %8.1f%% %9.3f   (n=%d)%n", paraphrase ? "paraphrase" : "keywords",
                            mode.wire(), 100.0 * found / count, rr / count, count);
                }
            }
        }
    }
}
