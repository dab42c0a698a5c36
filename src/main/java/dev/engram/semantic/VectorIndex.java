package dev.engram.semantic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The vectors of live observations in memory, compact (one byte per dimension plus a sign-bit code), with the
 * filter fields (project, type, scope) beside them. Search is exact over int8 vectors up to {@link #EXACT_UP_TO}
 * candidates; above that, a Hamming pass over the sign bits picks the {@link #RESCORED} closest (a few ms at
 * 100k rows) and only those are scored exactly. Thread-safe: searches share a read lock, updates take the write lock.
 */
final class VectorIndex {
    static final int EXACT_UP_TO = 20_000;
    static final int RESCORED = 1_000;

    private final int dims;
    private final int words;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Integer> slotOf = new HashMap<>();
    private final Map<String, Integer> projects = new HashMap<>();
    private final Map<String, Integer> types = new HashMap<>();
    private int[] free = new int[16];
    private int freeCount;
    private int slots;
    private long[] ids = new long[0];
    private String[] versions = new String[0];
    private byte[] codes = new byte[0];
    private float[] scales = new float[0];
    private long[] bits = new long[0];
    private int[] projectOf = new int[0];
    private int[] typeOf = new int[0];
    private byte[] scopeOf = new byte[0];

    VectorIndex(int dims) {
        this.dims = dims;
        this.words = (dims + 63) / 64;
    }

    /** An observation and what a search can filter it by. */
    record Entry(long id, String version, String project, String type, String scope) {
    }

    /** Filters of a search; null fields match everything. */
    record Filter(String project, String type, String scope) {
        static final Filter NONE = new Filter(null, null, null);
    }

    /** One match: an observation id and its cosine similarity to the query (higher is better). */
    record Scored(long id, double score) {
    }

    int size() {
        lock.readLock().lock();
        try {
            return slotOf.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether the index holds {@code id} as of {@code version}. */
    boolean holds(long id, String version) {
        lock.readLock().lock();
        try {
            Integer slot = slotOf.get(id);
            return slot != null && versions[slot].equals(version);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds or replaces an entry; false (and nothing changes) when {@code stored} is not a readable vector. */
    boolean put(Entry e, byte[] stored) {
        float scale = Int8Vectors.scale(stored, dims);
        if (Float.isNaN(scale)) {
            return false;
        }
        lock.writeLock().lock();
        try {
            Integer existing = slotOf.get(e.id());
            int slot = existing != null ? existing : allocate();
            slotOf.put(e.id(), slot);
            ids[slot] = e.id();
            versions[slot] = e.version();
            System.arraycopy(stored, 4, codes, slot * dims, dims);
            scales[slot] = scale;
            signBits(stored, 4, bits, slot * words);
            projectOf[slot] = projects.computeIfAbsent(e.project(), k -> projects.size());
            typeOf[slot] = types.computeIfAbsent(e.type(), k -> types.size());
            scopeOf[slot] = (byte) ("personal".equals(e.scope()) ? 1 : 0);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    void remove(long id) {
        lock.writeLock().lock();
        try {
            Integer slot = slotOf.remove(id);
            if (slot != null) {
                ids[slot] = -1;
                versions[slot] = null;
                if (freeCount == free.length) {
                    free = Arrays.copyOf(free, free.length * 2);
                }
                free[freeCount++] = slot;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes every entry whose id is not in {@code keep}. */
    void retainOnly(java.util.Set<Long> keep) {
        List<Long> gone = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (Long id : slotOf.keySet()) {
                if (!keep.contains(id)) {
                    gone.add(id);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        gone.forEach(this::remove);
    }

    /** The {@code k} entries closest to {@code query} (a unit vector) among those passing {@code filter}, best first. */
    List<Scored> search(float[] query, Filter filter, int k) {
        if (k <= 0) {
            return List.of();
        }
        byte[] stored = Int8Vectors.encode(query);
        float queryScale = Int8Vectors.scale(stored, dims);
        byte[] q = Arrays.copyOfRange(stored, 4, stored.length);
        long[] qBits = new long[words];
        signBits(stored, 4, qBits, 0);
        lock.readLock().lock();
        try {
            int project = filter.project() == null ? -1 : projects.getOrDefault(filter.project(), -2);
            int type = filter.type() == null ? -1 : types.getOrDefault(filter.type(), -2);
            int scope = filter.scope() == null ? -1 : ("personal".equals(filter.scope()) ? 1 : 0);
            if (project == -2 || type == -2) {
                return List.of();
            }
            int[] candidates = new int[slots];
            int n = 0;
            for (int s = 0; s < slots; s++) {
                if (ids[s] >= 0 && (project < 0 || projectOf[s] == project) && (type < 0 || typeOf[s] == type)
                        && (scope < 0 || scopeOf[s] == scope)) {
                    candidates[n++] = s;
                }
            }
            if (n > EXACT_UP_TO) {
                n = closestByBits(candidates, n, qBits, Math.max(RESCORED, k * 10));
            }
            TopK top = new TopK(k);
            for (int i = 0; i < n; i++) {
                int s = candidates[i];
                top.offer(ids[s], dot(codes, s * dims, q, dims) * scales[s] * queryScale);
            }
            return top.best();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The cosine similarity of each of {@code ids} to {@code query} (a unit vector); NaN for an id not held. */
    double[] similarity(float[] query, List<Long> ids) {
        byte[] stored = Int8Vectors.encode(query);
        float queryScale = Int8Vectors.scale(stored, dims);
        byte[] q = Arrays.copyOfRange(stored, 4, stored.length);
        double[] out = new double[ids.size()];
        lock.readLock().lock();
        try {
            for (int i = 0; i < out.length; i++) {
                Integer s = slotOf.get(ids.get(i));
                out[i] = s == null ? Double.NaN : dot(codes, s * dims, q, dims) * scales[s] * queryScale;
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Keeps (at the front of {@code candidates}) about {@code keep} slots with the fewest sign bits differing from the query. */
    private int closestByBits(int[] candidates, int n, long[] qBits, int keep) {
        int[] distance = new int[n];
        int[] histogram = new int[dims + 1];
        for (int i = 0; i < n; i++) {
            int base = candidates[i] * words;
            int d = 0;
            for (int w = 0; w < words; w++) {
                d += Long.bitCount(bits[base + w] ^ qBits[w]);
            }
            distance[i] = Math.min(d, dims);
            histogram[distance[i]]++;
        }
        int cut = 0;
        int taken = histogram[0];
        while (taken < keep && cut < dims) {
            taken += histogram[++cut];
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (distance[i] <= cut) {
                candidates[m++] = candidates[i];
            }
        }
        return m;
    }

    private static int dot(byte[] codes, int offset, byte[] q, int dims) {
        int sum = 0;
        for (int i = 0; i < dims; i++) {
            sum += codes[offset + i] * q[i];
        }
        return sum;
    }

    private void signBits(byte[] stored, int offset, long[] target, int at) {
        Arrays.fill(target, at, at + words, 0L);
        for (int i = 0; i < dims; i++) {
            if (stored[offset + i] > 0) {
                target[at + (i >>> 6)] |= 1L << (i & 63);
            }
        }
    }

    private int allocate() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slots == ids.length) {
            int capacity = Math.max(1_024, slots + (slots >> 1));
            ids = Arrays.copyOf(ids, capacity);
            versions = Arrays.copyOf(versions, capacity);
            codes = Arrays.copyOf(codes, capacity * dims);
            scales = Arrays.copyOf(scales, capacity);
            bits = Arrays.copyOf(bits, capacity * words);
            projectOf = Arrays.copyOf(projectOf, capacity);
            typeOf = Arrays.copyOf(typeOf, capacity);
            scopeOf = Arrays.copyOf(scopeOf, capacity);
        }
        return slots++;
    }

    /** The k best (id, score) pairs seen, kept sorted; k is small (at most a few hundred). */
    private static final class TopK {
        private final long[] ids;
        private final double[] scores;
        private int size;

        TopK(int k) {
            ids = new long[k];
            scores = new double[k];
        }

        void offer(long id, double score) {
            if (size == ids.length && score <= scores[size - 1]) {
                return;
            }
            int i = size < ids.length ? size++ : size - 1;
            while (i > 0 && scores[i - 1] < score) {
                ids[i] = ids[i - 1];
                scores[i] = scores[i - 1];
                i--;
            }
            ids[i] = id;
            scores[i] = score;
        }

        List<Scored> best() {
            List<Scored> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(new Scored(ids[i], scores[i]));
            }
            return out;
        }
    }
}
