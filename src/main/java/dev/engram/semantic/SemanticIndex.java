package dev.engram.semantic;

import dev.engram.logging.ComponentLogger;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.memory.VectorTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * This process's view of the semantic index: the vectors of the live observations in memory
 * ({@link VectorIndex}), kept in step with the vectors table, and the steps that bring it up to date
 * (each runs in the caller's thread; {@link BackgroundIndexer} is the thread that calls them). The
 * database lock is held only for short reads and writes; embeddings are computed outside it.
 */
public final class SemanticIndex implements AutoCloseable {
    private static final ComponentLogger log = ComponentLogger.of("semantic");
    static final int SCAN_CHUNK = 2_000;

    private final VectorTable table;
    private final ModelSpec spec;
    private final Supplier<Embedder> loader;
    private final VectorIndex vectors;
    /** One pass at a time: the background thread, {@code engram index} and searches never run a pass together. */
    private final ReentrantLock pass = new ReentrantLock();
    private volatile Embedder embedder;
    private volatile boolean unavailable;
    private volatile boolean scanned;
    private volatile long queued;
    private volatile long liveAtScan;
    private long lastSeq;

    /** {@code loader} loads the model of {@code spec} when {@link #loadModel()} is called (never before). */
    public SemanticIndex(SqliteMemoryStore store, ModelSpec spec, Supplier<Embedder> loader) {
        this.table = new VectorTable(store);
        this.spec = spec;
        this.loader = loader;
        this.vectors = new VectorIndex(spec.dimensions());
    }

    public ModelSpec spec() {
        return spec;
    }

    /** Loads the model (about a second); after a failure the index stays unavailable and keyword search goes on. */
    public void loadModel() {
        if (embedder != null || unavailable) {
            return;
        }
        long start = System.nanoTime();
        try {
            Embedder loaded = loader.get();
            if (!loaded.model().equals(spec.id()) || loaded.dimensions() != spec.dimensions()) {
                throw new IllegalStateException("the model loaded is " + loaded.model() + ", expected " + spec.id());
            }
            embedder = loaded;
            log.atInfo().setMessage("embedding model loaded").addKeyValue("model", spec.id())
                    .addKeyValue("elapsed_ms", (System.nanoTime() - start) / 1_000_000).log();
        } catch (OrtGate.ClosedException e) {
            unavailable = true; // the process is exiting
        } catch (RuntimeException | LinkageError e) {
            unavailable = true;
            log.atWarn().setMessage("embedding model unavailable; keyword search only").addKeyValue("model", spec.id())
                    .addKeyValue("error", String.valueOf(e.getMessage())).log();
        }
    }

    /** Counts the live observations, so that coverage has its denominator before the first scan (one read). */
    public void countLive() {
        if (!scanned) {
            liveAtScan = table.live();
        }
    }

    public boolean modelLoaded() {
        return embedder != null;
    }

    /**
     * Reads every live observation's stored vector into memory and queues those whose vector is missing,
     * stale, of another model or unreadable. Memory forgets observations no longer live. Returns the live count.
     */
    public long scanAll() {
        pass.lock();
        try {
            long seqBefore = table.lastSeq();
            Set<Long> live = new HashSet<>();
            long after = 0;
            while (true) {
                List<VectorTable.Row> rows = table.scan(after, SCAN_CHUNK);
                List<Long> stale = new ArrayList<>();
                for (VectorTable.Row row : rows) {
                    live.add(row.id());
                    if (!load(row)) {
                        stale.add(row.id());
                    }
                    after = row.id();
                }
                table.enqueue(stale);
                if (rows.size() < SCAN_CHUNK) {
                    break;
                }
            }
            vectors.retainOnly(live);
            lastSeq = Math.max(lastSeq, seqBefore);
            liveAtScan = live.size();
            queued = table.queued();
            scanned = true;
            return live.size();
        } finally {
            pass.unlock();
        }
    }

    /**
     * One step of catching up: forgets what the queue says is gone, embeds up to {@code max} queued observations,
     * stores their vectors, and reads the vectors other processes wrote. Returns how many were embedded (0: idle).
     * Does nothing until the model is loaded.
     */
    public int indexQueued(int max) {
        Embedder model = embedder;
        if (model == null) {
            return 0;
        }
        pass.lock();
        try {
            VectorTable.Batch batch = table.pending(max);
            batch.dropped().forEach(vectors::remove);
            List<VectorTable.Computed> computed = new ArrayList<>(batch.pending().size());
            List<Long> failed = new ArrayList<>();
            for (VectorTable.Pending p : batch.pending()) {
                try {
                    computed.add(new VectorTable.Computed(p.id(), p.version(), Int8Vectors.encode(model.embedPassage(p.text()))));
                } catch (OrtGate.ClosedException e) {
                    throw e; // the process is exiting: nothing failed
                } catch (RuntimeException e) {
                    // One text the model cannot take must not stop the others: it stays out of the index
                    // (keyword search still finds it) until it changes again.
                    failed.add(p.id());
                    log.atWarn().setMessage("observation not embedded; left out of the semantic index").addKeyValue("id", p.id())
                            .addKeyValue("error", String.valueOf(e.getMessage())).log();
                }
            }
            table.put(spec.id(), computed);
            table.dequeue(failed);
            refresh();
            queued = table.queued();
            return batch.pending().size();
        } finally {
            pass.unlock();
        }
    }

    /** Reads the vectors written since the last read (by this process or another); stale or unreadable ones are queued. */
    private void refresh() {
        while (true) {
            List<VectorTable.Row> rows = table.writtenAfter(lastSeq, SCAN_CHUNK);
            List<Long> stale = new ArrayList<>();
            for (VectorTable.Row row : rows) {
                if (!load(row)) {
                    stale.add(row.id());
                }
                lastSeq = Math.max(lastSeq, row.seq());
            }
            table.enqueue(stale);
            if (rows.size() < SCAN_CHUNK) {
                return;
            }
        }
    }

    /** Puts a row's vector in memory when it is current; false when it must be computed (again). */
    private boolean load(VectorTable.Row row) {
        if (!row.current(spec.id(), spec.vectorBytes())) {
            vectors.remove(row.id());
            return false;
        }
        if (vectors.holds(row.id(), row.version())) {
            return true;
        }
        return vectors.put(new VectorIndex.Entry(row.id(), row.version(), row.project(), row.type(), row.scope()), row.vector());
    }

    /** Whether the queue still holds work (as of the last step). */
    public boolean behind() {
        return !scanned || queued > 0;
    }

    /** How much of the index is ready in this process. */
    public IndexCoverage coverage() {
        long indexed = vectors.size();
        long total = scanned ? Math.max(indexed + queued, indexed) : Math.max(liveAtScan, indexed);
        IndexCoverage.State state;
        if (unavailable) {
            state = IndexCoverage.State.UNAVAILABLE;
        } else if (embedder == null) {
            state = IndexCoverage.State.LOADING_MODEL;
        } else if (!scanned || queued > 0) {
            state = IndexCoverage.State.BUILDING;
        } else {
            state = IndexCoverage.State.READY;
        }
        return new IndexCoverage(state, spec.id(), indexed, total);
    }

    /** The vector of a query, or null until the model is loaded (and once the process is exiting). */
    float[] embedQuery(String query) {
        Embedder model = embedder;
        try {
            return model == null ? null : model.embedQuery(query);
        } catch (OrtGate.ClosedException e) {
            return null;
        }
    }

    /** The {@code k} indexed observations closest to {@code query} (from {@link #embedQuery}). */
    List<VectorIndex.Scored> nearest(float[] query, VectorIndex.Filter filter, int k) {
        return query == null ? List.of() : vectors.search(query, filter, k);
    }

    /** Cosine similarity of each of {@code ids} to {@code query}; NaN where an id has no vector here. */
    double[] similarity(float[] query, List<Long> ids) {
        return vectors.similarity(query, ids);
    }

    /** Exact coverage read from the database, without loading the model (for {@code engram stats}). */
    public static IndexCoverage stored(SqliteMemoryStore store, ModelSpec spec) {
        VectorTable.Coverage c = new VectorTable(store).coverage(spec.id(), spec.vectorBytes());
        IndexCoverage.State state = c.indexed() >= c.live() ? IndexCoverage.State.READY : IndexCoverage.State.BUILDING;
        return new IndexCoverage(state, spec.id(), Math.min(c.indexed(), c.live()), c.live());
    }

    /** Drops every stored vector and queues every live observation. Returns how many were queued. */
    public long rebuild() {
        pass.lock();
        try {
            long n = table.rebuild();
            vectors.retainOnly(Set.of());
            queued = n;
            return n;
        } finally {
            pass.unlock();
        }
    }

    /**
     * Stops using the model: later steps and searches act as if it were not loaded. The model itself is not
     * closed (a search may still be running in it); its owner closes it, or the process exits.
     */
    @Override
    public void close() {
        embedder = null;
        unavailable = true;
    }
}
