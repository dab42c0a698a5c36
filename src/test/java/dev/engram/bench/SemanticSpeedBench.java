package dev.engram.bench;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.memory.VectorTable;
import dev.engram.semantic.BackgroundIndexer;
import dev.engram.semantic.Embedder;
import dev.engram.semantic.IndexCoverage;
import dev.engram.semantic.ModelSpec;
import dev.engram.semantic.OnnxEmbedder;
import dev.engram.semantic.Recall;
import dev.engram.semantic.SearchMode;
import dev.engram.semantic.SemanticIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Semantic search speed at scale: seeds N observations (default 100,000) from the recall corpus's generator,
 * embeds the first {@code EMBEDDED} of them with the background indexer's settings (one thread: the indexing
 * rate), gives every other row a copy of one of those vectors (embedding 100k texts takes minutes and does not
 * change search cost), then measures query embedding, keyword, semantic and hybrid search latency, save latency
 * with and without the indexer working beside it, and resident memory.
 *
 * <pre>bench/run dev.engram.bench.SemanticSpeedBench [N=100000] [DIR]</pre>
 */
public final class SemanticSpeedBench {
    static final int EMBEDDED = 3_000;

    private SemanticSpeedBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("engram-speed");
        ModelSpec spec = ModelSpec.ALL_MINILM_L6_V2_Q;
        RecallCorpus corpus = RecallCorpus.generate(600, n - 600, 7);
        long rssStart = rssKb();
        try (SqliteMemoryStore store = SqliteMemoryStore.openFile(dir.resolve("engram.db"), InstantSource.system(), new SecureRandom())) {
            long existing = store.stats().observations();
            for (int i = (int) existing; i < n; i++) {
                RecallCorpus.Memory m = corpus.memories.get(i);
                store.save(new NewObservation(null, m.type(), m.title(), m.content(), null, i % 10 == 0 ? "other" : "bench", null, null));
                if ((i + 1) % 20_000 == 0) {
                    System.err.printf("seeded %,d%n", i + 1);
                }
            }
            long rssBeforeModel = rssKb();
            long t0 = System.nanoTime();
            Embedder background = OnnxEmbedder.load(spec, 1);
            System.out.printf(Locale.ROOT, "model load: %d ms (RSS +%,d KB)%n", (System.nanoTime() - t0) / 1_000_000, rssKb() - rssBeforeModel);

            VectorTable table = new VectorTable(store);
            SemanticIndex indexing = new SemanticIndex(store, spec, () -> background);
            indexing.loadModel();
            indexing.scanAll();
            if (indexing.coverage().indexed() < indexing.coverage().total()) {
                long t1 = System.nanoTime();
                int done = 0;
                while (done < EMBEDDED) {
                    int step = indexing.indexQueued(32);
                    if (step == 0) {
                        break;
                    }
                    done += step;
                }
                double s = (System.nanoTime() - t1) / 1e9;
                System.out.printf(Locale.ROOT, "background indexing (1 thread): %,d memories in %.1f s = %.0f/s%n", done, s, done / s);
                copyVectors(table, spec);
            }

            indexing.close();
            long heapBeforeIndex = heapAfterGc();
            long rssBeforeIndex = rssKb();
            SemanticIndex index = new SemanticIndex(store, spec, () -> background);
            index.loadModel();
            long t2 = System.nanoTime();
            index.scanAll();
            IndexCoverage c = index.coverage();
            long loadMs = (System.nanoTime() - t2) / 1_000_000;
            long rssAfterIndex = rssKb();
            System.out.printf(Locale.ROOT, "index load: %,d vectors in %d ms (RSS +%,d KB, heap retained after GC +%,d KB); coverage %s %d/%d%n",
                    c.indexed(), loadMs, rssAfterIndex - rssBeforeIndex, (heapAfterGc() - heapBeforeIndex) / 1024, c.state().wire(),
                    c.indexed(), c.total());

            Recall recall = new Recall(store, index);
            List<String> questions = corpus.questions.stream().map(RecallCorpus.Question::text).toList();
            timed("query embedding", questions, q -> background.embedQuery(q));
            for (SearchMode mode : SearchMode.values()) {
                timed(mode.wire() + " search, top 10", questions, q -> recall.search(new SearchQuery(q, null, null, null, 10), mode));
            }
            timed("hybrid search, project filter", questions, q -> recall.search(new SearchQuery(q, null, "other", null, 10), SearchMode.HYBRID));

            int[] counter = {0};
            long[] quiet = saves(store, 1_000, counter);
            BackgroundIndexer indexer = new BackgroundIndexer(index, Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(1));
            store.addWriteListener(indexer::wake);
            indexer.start();
            long[] busy = saves(store, 1_000, counter);
            indexer.close();
            System.out.printf(Locale.ROOT, "save p50/p99: %.3f / %.3f ms without the indexer, %.3f / %.3f ms with it embedding beside%n",
                    pct(quiet, 50), pct(quiet, 99), pct(busy, 50), pct(busy, 99));
            System.out.printf(Locale.ROOT, "RSS: %,d KB at start, %,d KB now (model and %,d vectors loaded)%n", rssStart, rssKb(), c.indexed());
        }
    }

    /** Every row without a current vector gets a copy of an embedded row's vector (same model, its own version). */
    private static void copyVectors(VectorTable table, ModelSpec spec) {
        List<byte[]> pool = new ArrayList<>();
        long after = 0;
        List<VectorTable.Computed> batch = new ArrayList<>();
        while (true) {
            List<VectorTable.Row> rows = table.scan(after, 5_000);
            for (VectorTable.Row r : rows) {
                if (r.current(spec.id(), spec.vectorBytes())) {
                    pool.add(r.vector());
                } else if (!pool.isEmpty()) {
                    batch.add(new VectorTable.Computed(r.id(), r.version(), pool.get((int) (r.id() % pool.size()))));
                }
                after = r.id();
            }
            table.put(spec.id(), batch);
            batch.clear();
            if (rows.size() < 5_000) {
                return;
            }
        }
    }

    private static long[] saves(SqliteMemoryStore store, int count, int[] counter) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            NewObservation o = NewObservation.of("bench", "Speed note " + counter[0], "a save measured while the index works, number " + counter[0]++);
            long t = System.nanoTime();
            store.save(o);
            out[i] = System.nanoTime() - t;
        }
        return out;
    }

    private static void timed(String label, List<String> inputs, java.util.function.Consumer<String> work) {
        for (int i = 0; i < 100; i++) {
            work.accept(inputs.get(i % inputs.size()));
        }
        long[] ns = new long[inputs.size()];
        for (int i = 0; i < ns.length; i++) {
            long t = System.nanoTime();
            work.accept(inputs.get(i));
            ns[i] = System.nanoTime() - t;
        }
        System.out.printf(Locale.ROOT, "%-32s p50 %7.2f ms   p90 %7.2f ms   p99 %7.2f ms%n", label, pct(ns, 50), pct(ns, 90), pct(ns, 99));
    }

    private static double pct(long[] ns, int p) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }

    private static long heapAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssKb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
