package dev.engram.autosync;

import dev.engram.base.InvalidInputException;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.Lease;
import dev.engram.sync.LocalSyncState;
import dev.engram.sync.SyncEngine;
import dev.engram.sync.SyncEvent;
import dev.engram.sync.SyncProgress;
import dev.engram.sync.SyncRequest;
import dev.engram.sync.SyncResult;
import dev.engram.transport.FailureClassifier;
import dev.engram.transport.SyncTransport;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * Keeps one database in sync with the cloud for as long as the process runs: one platform thread that
 * asks {@link AutosyncCore} what to do, runs a sync pass when it says so, and otherwise waits for the
 * delay it returned or for a wake-up (a local write, {@link #wake}, or a write by another process to the
 * same file). Failures back off and are retried for ever; a crash or a lease error inside a cycle is
 * reported and recorded like any failure. The status record is published after every change
 * ({@link #status}) and persisted unless another process holds the lease, so every process shows the
 * outcome of the last pass run on this database, whoever ran it.
 *
 * <p>{@link #syncNow} runs one cycle on the caller's thread instead, for {@code engram sync}: same
 * engine, same events, same persisted status.
 *
 * <p>Lifecycle: construct, {@link #start} once, {@link #stop} (or {@link #close}) once.
 */
public final class AutosyncManager implements AutoCloseable {
    /** How often the owner thread looks for writes by other processes ({@code PRAGMA data_version}). */
    static final Duration PEER_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final SqliteMemoryStore store;
    private final AutosyncConfig config;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final AutosyncListener listener;
    private final SyncEngine engine;
    private final AutosyncCore core;
    private final SyncStatusReader reader;
    private final DataVersionProbe peers;
    private final Inbox inbox = new Inbox();
    private final AtomicReference<SyncStatus> status = new AtomicReference<>();

    // Lifecycle, guarded by this.
    private Thread thread;
    private boolean opened;
    private boolean listening;

    // Owned by the thread running cycles (the owner thread, or the caller of syncNow).
    private ManagerState state;
    private boolean holdsLease;
    private LocalSyncState lastLocal;

    public AutosyncManager(SqliteMemoryStore store, SyncTransport transport, AutosyncConfig config, InstantSource clock,
            RandomGenerator random, AutosyncListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.engine = new SyncEngine(store, transport, config.sync(), clock, Lease.newOwnerId(random));
        this.core = new AutosyncCore(config);
        this.reader = new SyncStatusReader(store, clock);
        this.peers = new DataVersionProbe(store);
        this.state = ManagerState.initial(StatusStore.find(store).orElse(StatusStore.Persisted.NONE), clock.instant());
        this.lastLocal = LocalSyncState.read(store);
        this.status.set(reader.read(ownSettings()));
    }

    /** This process's id in the lease table. */
    public String leaseOwner() {
        return engine.lease().owner();
    }

    /** The latest published status record. Never null. */
    public SyncStatus status() {
        return status.get();
    }

    /** Starts the owner thread; the first cycle runs at once. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the autosync manager was already started");
        }
        open();
        thread = new Thread(this::run, "engram-autosync");
        thread.setDaemon(true);
        thread.start();
    }

    /** Listens to local writes and reports {@code manager started}; {@link #start} then runs {@link #step} in a loop. */
    synchronized void open() {
        if (opened) {
            return;
        }
        opened = true;
        if (!listening) {
            listening = true;
            store.addWriteListener(this::notifyLocalWrite);
        }
        emit(List.of(new AutosyncEvent.ManagerStarted(AutosyncConfig.TARGET_KEY, config.pollInterval(), config.debounce(),
                config.sync().pushBatch(), config.sync().pullBatch(), leaseOwner())));
    }

    /** A local write committed: sync once writes settle (debounced). Cheap; called on the writing thread. */
    public void notifyLocalWrite() {
        inbox.localWrite(clock.instant());
    }

    /** Asks for a cycle now (unless a backoff is active, which the retry at its end covers). */
    public void wake() {
        inbox.wake();
    }

    /**
     * Stops the owner thread: lets a running pass finish its current request, releases the lease and
     * reports {@code manager stopped}. Interrupts the thread if it has not ended after {@code timeout}
     * (a request that hangs is abandoned).
     *
     * @return true when the thread ended within twice {@code timeout}
     */
    public boolean stop(Duration timeout) {
        inbox.stop();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            shutdown(); // opened without a thread (tests drive step() themselves)
            return true;
        }
        if (t == Thread.currentThread()) {
            return true;
        }
        try {
            t.join(timeout.toMillis());
            if (t.isAlive()) {
                t.interrupt();
                t.join(timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    /**
     * Runs one cycle now on the caller's thread ({@code engram sync}), ignoring any backoff: the user
     * asked. Reports the same events and persists the same status as autosync, then releases the lease.
     *
     * @throws IllegalStateException when the owner thread of this manager is running
     * @throws InvalidInputException when the request names a project that is not enrolled
     */
    public CycleReport syncNow(SyncRequest request, SyncProgress progress) {
        synchronized (this) {
            if (thread != null && !inbox.stopping()) {
                throw new IllegalStateException("autosync is running in this process; call wake() instead");
            }
        }
        try {
            return runCycle(request, progress);
        } finally {
            releaseLease();
        }
    }

    // ---- the owner thread -------------------------------------------------------------------------

    private void run() {
        try {
            Duration delay;
            while ((delay = step()) != null) {
                inbox.await(delay);
            }
        } finally {
            shutdown();
        }
    }

    /**
     * One turn of the owner loop, on the caller's thread: takes in what was asked, decides, and runs the
     * cycle if one is due. Returns how long to wait before the next turn, or null once stopping. Tests
     * drive the manager through this with a fake clock instead of starting the thread.
     */
    Duration step() {
        Inbox.Mail mail = inbox.drain();
        if (mail == null) {
            return null;
        }
        if (mail.firstWrite() != null) {
            state = core.localWrite(core.localWrite(state, mail.firstWrite()), mail.lastWrite());
        }
        if (mail.wake()) {
            state = core.wake(state);
        }
        Instant now = clock.instant();
        if (peerWrote()) {
            state = core.localWrite(state, now);
        }
        AutosyncCore.Decision decision = core.tick(state, now);
        state = decision.next();
        emit(decision.events());
        if (decision.action() == AutosyncCore.Action.RUN_CYCLE) {
            runCycle(SyncRequest.FULL, SyncProgress.NONE);
            return Duration.ZERO;
        }
        return decision.delay().compareTo(PEER_CHECK_INTERVAL) < 0 ? decision.delay() : PEER_CHECK_INTERVAL;
    }

    private void shutdown() {
        synchronized (this) {
            if (!opened) {
                return;
            }
            opened = false;
        }
        releaseLease();
        emit(List.of(new AutosyncEvent.ManagerStopped(AutosyncConfig.TARGET_KEY)));
    }

    private boolean peerWrote() {
        try {
            return peers.changed();
        } catch (RuntimeException e) {
            return false; // a busy database now is noticed at the next check or poll
        }
    }

    // ---- one cycle --------------------------------------------------------------------------------

    private CycleReport runCycle(SyncRequest request, SyncProgress progress) {
        String cycleId = "c-" + HexFormat.of().toHexDigits(random.nextInt());
        emit(List.of(new AutosyncEvent.CycleStarted(cycleId)));
        try {
            SyncResult result = engine.run(request, event -> onSyncEvent(cycleId, event), progress);
            apply(switch (result) {
                case SyncResult.Completed done -> core.completed(state, cycleId, clock.instant(), done, random);
                case SyncResult.LeaseHeld held -> {
                    holdsLease = false;
                    yield core.leaseHeld(state, cycleId, held);
                }
                case SyncResult.LeaseError error -> core.leaseError(state, cycleId, clock.instant(), error, random);
            });
            return new CycleReport(cycleId, result, switch (result) {
                case SyncResult.Completed done -> done.failure();
                case SyncResult.LeaseHeld held -> null;
                case SyncResult.LeaseError error -> error.failure();
            });
        } catch (InvalidInputException e) {
            throw e; // a bad request, refused before anything happened
        } catch (RuntimeException | AssertionError | LinkageError e) {
            apply(core.crashed(state, cycleId, clock.instant(), e, random));
            return new CycleReport(cycleId, null, FailureClassifier.classify(e));
        }
    }

    private void onSyncEvent(String cycleId, SyncEvent event) {
        emit(List.of(new AutosyncEvent.InCycle(cycleId, event)));
        if (event instanceof SyncEvent.StageStarted started) {
            holdsLease = true; // stages start only once the lease is ours
            state = core.stageStarted(state, started.stage());
            publish();
        } else if (event instanceof SyncEvent.ServerReset) {
            state = core.serverReset(state);
            publish();
        }
    }

    private void apply(AutosyncCore.Transition transition) {
        state = transition.next();
        emit(transition.events());
        publish();
    }

    /**
     * Persists the state unless another process holds a live lease (then its record is the truth and is
     * shown instead), and publishes the snapshot. A database too busy to answer publishes what this
     * process knows, with the last local facts it read.
     */
    private void publish() {
        StatusStore.Persisted mine = state.persisted(config.autosync(), config.server());
        try {
            boolean written = StatusStore.save(store, mine, clock.instant(), leaseOwner());
            lastLocal = LocalSyncState.read(store);
            status.set(written ? reader.compose(mine, lastLocal) : reader.read(ownSettings()));
        } catch (RuntimeException e) {
            status.set(reader.compose(mine, lastLocal));
        }
    }

    private SyncStatusReader.OwnSettings ownSettings() {
        return new SyncStatusReader.OwnSettings(config.server(), true, config.autosync());
    }

    private void releaseLease() {
        if (!holdsLease) {
            return;
        }
        try {
            engine.releaseLease();
            holdsLease = false;
            publish();
        } catch (RuntimeException e) {
            // the lease expires on its own after one TTL
        }
    }

    private void emit(List<AutosyncEvent> events) {
        for (AutosyncEvent event : events) {
            try {
                listener.on(event);
            } catch (RuntimeException e) {
                // observability must never stop sync
            }
        }
    }
}
