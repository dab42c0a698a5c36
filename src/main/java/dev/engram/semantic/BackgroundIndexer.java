package dev.engram.semantic;

import dev.engram.logging.ComponentLogger;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The low-priority daemon thread of {@code serve} and {@code mcp} that builds the semantic index and keeps it
 * current: after {@code startDelay} it loads the model, reads the stored vectors, then embeds what the queue
 * holds, batch by batch. Idle, it waits for a local write ({@link #wake()}) or {@code poll} (writes of other
 * processes and pulled mutations fill the queue too), and reads every vector again each {@code rescan}.
 * A call never waits for it: searches use whatever is indexed and say how much that is.
 */
public final class BackgroundIndexer implements AutoCloseable {
    private static final ComponentLogger log = ComponentLogger.of("semantic");
    static final int BATCH = 32;
    /** After a failed step, the indexer waits this many poll intervals. */
    static final int RETRY_POLLS = 10;
    /**
     * While local writes keep arriving (the last one less than this long ago), a catch-up steps aside between
     * batches: on two cores an embedding beside every save doubled the save's latency. The backlog is indexed
     * once the burst is over; searches meanwhile use what is indexed, or keyword.
     */
    static final Duration BUSY_WINDOW = Duration.ofMillis(100);

    private final SemanticIndex index;
    private final Duration startDelay;
    private final Duration poll;
    private final Duration rescan;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;
    private volatile long lastWriteNanos = System.nanoTime() - BUSY_WINDOW.toNanos();
    private volatile boolean closed;
    private Thread thread;

    public BackgroundIndexer(SemanticIndex index, Duration startDelay, Duration poll, Duration rescan) {
        this.index = index;
        this.startDelay = startDelay;
        this.poll = poll;
        this.rescan = rescan;
    }

    /** Starts the thread (once). */
    public synchronized BackgroundIndexer start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name("engram-indexer").daemon(true).priority(Thread.MIN_PRIORITY).start(this::run);
        }
        return this;
    }

    /** A local write happened: look at the queue now. Cheap; called on the writing thread. */
    public void wake() {
        lastWriteNanos = System.nanoTime();
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        index.countLive();
        if (!pause(startDelay, false)) {
            return;
        }
        index.loadModel();
        if (!index.modelLoaded()) {
            return;
        }
        long started = System.nanoTime();
        long lastScan = 0;
        boolean scanned = false;
        boolean announced = false;
        long embedded = 0;
        while (!closed) {
            try {
                if (!scanned || System.nanoTime() - lastScan > rescan.toNanos()) {
                    index.scanAll();
                    scanned = true;
                    lastScan = System.nanoTime();
                }
                long sinceWrite = System.nanoTime() - lastWriteNanos;
                if (sinceWrite < BUSY_WINDOW.toNanos()) {
                    if (!pause(Duration.ofNanos(BUSY_WINDOW.toNanos() - sinceWrite), false)) {
                        return;
                    }
                    continue; // writes are arriving: let them have the cores
                }
                int n = index.indexQueued(BATCH);
                embedded += n;
                if (n > 0) {
                    continue;
                }
                if (!announced) {
                    announced = true;
                    log.atInfo().setMessage("semantic index ready").addKeyValue("observations", index.coverage().indexed())
                            .addKeyValue("embedded", embedded).addKeyValue("elapsed_ms", (System.nanoTime() - started) / 1_000_000).log();
                }
                if (!pause(poll, true)) {
                    return;
                }
            } catch (OrtGate.ClosedException e) {
                return; // the process is exiting
            } catch (RuntimeException e) {
                // The index is derived data: a failed step (the database busy past its timeout, a full disk) is
                // retried after a pause; searches meanwhile use what is indexed, or keyword.
                log.atWarn().setMessage("semantic indexing step failed; retrying").addKeyValue("error", String.valueOf(e.getMessage())).log();
                if (!pause(poll.multipliedBy(RETRY_POLLS), false)) {
                    return;
                }
            }
        }
    }

    /** Waits up to {@code d}, or until woken when {@code wakeable}; false when closed. */
    private boolean pause(Duration d, boolean wakeable) {
        lock.lock();
        try {
            long nanos = d.toNanos();
            while (!(wakeable && woken) && !closed && nanos > 0) {
                nanos = signal.awaitNanos(nanos);
            }
            woken = false;
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread (bounded wait: an embedding in progress finishes first). */
    @Override
    public void close() {
        closed = true;
        wake();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
