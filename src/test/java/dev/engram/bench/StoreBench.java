package dev.engram.bench;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.SqliteMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Random;

/**
 * Store latency at scale: seeds N observations (default 100,000) into a fresh database through the
 * store API, with the project enrolled so every save also writes its journal row, then measures
 * single saves and two-word top-10 searches.
 *
 * <pre>bench/run dev.engram.bench.StoreBench [N] [DIR]</pre>
 *
 * With DIR, the seeded database is kept there and reused by later runs (seeding 100k takes minutes).
 */
public final class StoreBench {
    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        boolean keep = args.length > 1;
        Path dir = keep ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("engram-bench");
        Words words = new Words(new Random(1));
        Random random = new Random(2);
        try (SqliteMemoryStore store = SqliteMemoryStore.openFile(dir.resolve("engram.db"), InstantSource.system(), new SecureRandom())) {
            store.enroll("bench");
            long start = System.nanoTime();
            long existing = store.stats().observations();
            for (long i = existing; i < n; i++) {
                store.save(new NewObservation(null, i % 3 == 0L ? "decision" : "bugfix", words.sentence(random, 6),
                        words.sentence(random, 45), null, i % 10 == 0L ? "other" : "bench", null, null));
                if ((i + 1) % 20_000 == 0L) {
                    System.err.printf("seeded %,d observations%n", i + 1);
                }
            }
            double seedSeconds = (System.nanoTime() - start) / 1e9;
            if (existing < n) {
                System.out.printf("seed: %,d observations in %.1f s (%.0f saves/s, journal included)%n", n - existing, seedSeconds,
                        (n - existing) / seedSeconds);
            }

            int warmup = 500;
            int samples = 2_000;
            long[] save = new long[samples];
            for (int i = 0; i < warmup + samples; i++) {
                NewObservation obs = new NewObservation(null, "pattern", words.sentence(random, 6), words.sentence(random, 45),
                        null, "bench", null, null);
                long t0 = System.nanoTime();
                store.save(obs);
                if (i >= warmup) {
                    save[i - warmup] = System.nanoTime() - t0;
                }
            }
            print("save (store API, journal row included)", save);

            long[] search = new long[samples];
            for (int i = 0; i < warmup + samples; i++) {
                String query = words.word(random) + " " + words.word(random);
                long t0 = System.nanoTime();
                store.search(new SearchQuery(query, null, null, null, 10));
                if (i >= warmup) {
                    search[i - warmup] = System.nanoTime() - t0;
                }
            }
            print("search (two words, top 10)", search);
            System.out.printf("database: %,d bytes at %,d observations%n", store.stats().databaseBytes(), store.stats().observations());
        } finally {
            if (keep) {
                return;
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-40s p50 %7.3f ms   p95 %7.3f ms   p99 %7.3f ms   (n=%d)%n", what,
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.length);
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** A fixed vocabulary of 5,000 pronounceable words drawn with a Zipf-like skew, like real prose. */
    static final class Words {
        private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "xe", "za", "bre", "cla",
                "dro", "fli", "gra", "ple", "qui", "sto", "tra", "wen"};
        private final String[] words = new String[5_000];

        Words(Random random) {
            for (int i = 0; i < words.length; i++) {
                StringBuilder w = new StringBuilder();
                int syllables = 2 + random.nextInt(3);
                for (int s = 0; s < syllables; s++) {
                    w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
                }
                words[i] = w.toString();
            }
        }

        String word(Random random) {
            double u = random.nextDouble();
            return words[(int) Math.min(words.length - 1, Math.floor(Math.pow(words.length, u)) - 1)];
        }

        String sentence(Random random, int length) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    s.append(' ');
                }
                s.append(word(random));
            }
            return s.toString();
        }
    }
}
