package dev.engram.sync;

import dev.engram.base.InvalidInputException;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.transport.Failure;
import dev.engram.transport.FailureClassifier;
import dev.engram.transport.FailureKind;
import dev.engram.transport.PullPage;
import dev.engram.transport.PushAck;
import dev.engram.transport.ReasonCode;
import dev.engram.transport.RefusedEntry;
import dev.engram.transport.SyncTransport;
import dev.engram.transport.TransportException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One sync pass: lease, then push, then pull and apply (contract 8). Runs on the caller's thread (a
 * helper thread only fetches the next pull page while the current one is applied), never sleeps and
 * never retries: a failed exchange ends its part of the pass and is reported in the
 * {@link SyncResult}; only a bug or a local database failure escapes as an exception.
 *
 * <p>Push sends the journal rows that exist when the pass starts (rows written meanwhile wait for the
 * next pass), project by project in seq order, {@code push_batch} per request, and deletes a batch's
 * rows only when the server accepted every entry. A re-sent batch is harmless: mutation ids are stable
 * and the server stores each once. A failure that concerns one request (403 on one project, 413, 5xx)
 * leaves the other projects and the pull running; one that concerns the whole server (401, 429,
 * unreachable) ends the pass. A batch refused as too large (413) is retried in halves, down to one
 * entry, before the project is reported as failed.
 *
 * <p>Pull applies page after page until {@code has_more} is false, each page in one local transaction
 * together with the cursor, so a crash never applies a mutation twice or skips one.
 */
public final class SyncEngine {
    private final SqliteMemoryStore store;
    private final SyncTransport transport;
    private final SyncSettings settings;
    private final InstantSource clock;
    private final Lease lease;
    private final PullApplier applier;

    /**
     * @param leaseOwner this process's id in the lease table, see {@link Lease#newOwnerId}
     */
    public SyncEngine(SqliteMemoryStore store, SyncTransport transport, SyncSettings settings, InstantSource clock,
            String leaseOwner) {
        this.store = Objects.requireNonNull(store, "store");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = new Lease(store, leaseOwner, settings.leaseTtl());
        this.applier = new PullApplier(store, clock);
    }

    public Lease lease() {
        return lease;
    }

    /** Gives the lease up (at shutdown, or after a one-shot {@code engram sync}). */
    public void releaseLease() {
        lease.release();
    }

    /**
     * Runs one pass.
     *
     * @throws InvalidInputException when {@code request} names a project that is not enrolled
     */
    public SyncResult run(SyncRequest request, SyncListener listener, SyncProgress progress) {
        List<String> projects = projects(request);
        Instant started = clock.instant();
        Lease.Outcome outcome;
        try {
            outcome = lease.acquire(started);
        } catch (RuntimeException e) {
            return new SyncResult.LeaseError(leaseFailure(e));
        }
        if (outcome instanceof Lease.Outcome.HeldByAnother held) {
            return new SyncResult.LeaseHeld(held.owner(), held.until());
        }
        Pass pass = new Pass(listener, progress);
        try {
            if (request.direction().pushes()) {
                push(projects, pass);
            }
            if (request.direction().pulls() && !pass.serverDown()) {
                pull(pass);
            }
        } catch (LeaseLost lost) {
            return new SyncResult.LeaseHeld(lost.holder.owner(), lost.holder.until());
        } catch (LeaseFailed failed) {
            return new SyncResult.LeaseError(failed.failure);
        }
        return pass.result(Duration.between(started, clock.instant()));
    }

    private List<String> projects(SyncRequest request) {
        List<String> enrolled = store.enrolledProjects();
        if (request.project() == null) {
            return enrolled;
        }
        if (!enrolled.contains(request.project())) {
            throw new InvalidInputException("project", "project " + request.project() + " is not enrolled for sync; "
                    + "enroll it with 'engram cloud enroll " + request.project() + "'");
        }
        return List.of(request.project());
    }

    // ---- push -----------------------------------------------------------------------------------

    private void push(List<String> projects, Pass pass) {
        pass.listener.on(new SyncEvent.StageStarted(SyncStage.PUSH));
        long upTo = Journal.maxSeq(store);
        long total = Journal.count(store, projects, upTo);
        if (total == 0) {
            pass.listener.on(new SyncEvent.PushSkipped());
            return;
        }
        pass.listener.on(new SyncEvent.Pushing(total));
        for (String project : projects) {
            pushProject(project, upTo, total, pass);
            if (pass.serverDown()) {
                return;
            }
        }
    }

    private void pushProject(String project, long upTo, long total, Pass pass) {
        long after = 0;
        int size = settings.pushBatch();
        while (true) {
            renewLease();
            List<Journal.Row> rows = Journal.batch(store, project, after, upTo, size);
            if (rows.isEmpty()) {
                return;
            }
            Instant sent = clock.instant();
            String replica = store.replicaId();
            TransportException refused = pushBatch(rows, replica);
            if (refused == null) {
                pass.pushed += rows.size();
                pass.listener.on(new SyncEvent.ProjectBatchPushed(project, rows.size()));
                pass.progress.update(SyncStage.PUSH, pass.pushed, total);
                after = rows.getLast().seq();
                continue;
            }
            Failure failure = FailureClassifier.classify(refused);
            if (failure.reason() == ReasonCode.PAYLOAD_TOO_LARGE && rows.size() > 1) {
                size = rows.size() / 2; // over the server's body limit: retry the same rows in smaller requests
                continue;
            }
            if (failure.reason() == ReasonCode.MUTATION_CONFLICT && !pass.renewedIdentity) {
                // The server holds other writes under our mutation ids: this database is a copy or a restored backup.
                // A new identity gives every pending row a fresh mutation id; the same rows are pushed again at once.
                pass.renewedIdentity = true;
                String renewed = store.renewReplicaId(replica);
                pass.listener.on(new SyncEvent.ReplicaIdentityRenewed(replica, renewed, refused.refusedEntries().size()));
                continue;
            }
            if (setAside(project, rows, replica, refused, failure, pass)) {
                continue; // the refused rows are out of the journal: the rest of the batch goes again
            }
            pass.pushFailed(project, failure, Duration.between(sent, clock.instant()));
            return;
        }
    }

    /**
     * Sends one batch and acknowledges it on proof; returns null on success, or the refusal. A 200 without one
     * seq per entry is a refusal too: without it we cannot tell what was stored, so nothing is acknowledged.
     */
    private TransportException pushBatch(List<Journal.Row> rows, String replica) {
        PushAck ack;
        try {
            ack = transport.push(rows.stream().map(r -> r.toWire(replica)).toList());
        } catch (TransportException e) {
            return e;
        }
        if (!ack.acknowledges(rows.size())) {
            return TransportException.malformed("push of " + rows.size() + " entries answered with " + ack.acceptedSeqs().size()
                    + " accepted seqs; nothing acknowledged");
        }
        Journal.acknowledge(store, rows);
        return null;
    }

    /**
     * Moves the entries the server named in a 400 (or in a 409 that persists under a new identity) to the
     * outbound dead letters, so that one bad row never blocks its project. Returns false when the refusal
     * names no entry of this batch: then the whole request failed, and nothing is set aside.
     */
    private boolean setAside(String project, List<Journal.Row> rows, String replica, TransportException refused, Failure failure,
            Pass pass) {
        boolean perEntry = refused.status() == 400 || failure.reason() == ReasonCode.MUTATION_CONFLICT;
        List<RefusedEntry> named = refused.refusedEntries().stream().filter(e -> e.index() < rows.size()).toList();
        if (!perEntry || named.isEmpty()) {
            return false;
        }
        long now = clock.millis();
        java.util.Map<Integer, RefusedEntry> byIndex = new java.util.LinkedHashMap<>();
        named.forEach(e -> byIndex.merge(e.index(), e, (a, b) -> new RefusedEntry(a.index(), a.field(), a.problem() + "; " + b.field()
                + " " + b.problem())));
        store.write(c -> {
            for (RefusedEntry e : byIndex.values()) {
                Journal.Row row = rows.get(e.index());
                OutboundDeadLetters.add(c, row, row.mutationId(replica), e.field(), reasonOf(refused, e), now);
            }
            return null;
        });
        for (RefusedEntry e : byIndex.values()) {
            Journal.Row row = rows.get(e.index());
            pass.refused++;
            pass.listener.on(new SyncEvent.LocalWriteSetAside(project, row.mutationId(replica), row.entity(), e.field(),
                    reasonOf(refused, e)));
        }
        return true;
    }

    private static String reasonOf(TransportException refused, RefusedEntry e) {
        String code = refused.errorCode() == null ? "HTTP " + refused.status() : refused.errorCode();
        return code + ": " + (e.field() == null ? "" : e.field() + " ") + (e.problem() == null ? "refused" : e.problem());
    }

    // ---- pull -----------------------------------------------------------------------------------

    private void pull(Pass pass) {
        pass.listener.on(new SyncEvent.StageStarted(SyncStage.PULL));
        Instant started = clock.instant();
        long start = rewindForNewProjects(pass);
        long cursor = start;
        boolean sawMutations = false;
        boolean checkedServer = false;
        // While one page is applied, the next is already on its way: a catch-up pays one round trip
        // per page less. The prefetched page starts where the current one ends, which is where the
        // cursor will be once the current one is applied; it is dropped if applying fails.
        try (ExecutorService prefetcher = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
                .name("engram-pull-prefetch").unstarted(r))) {
            Future<PullPage> next = null;
            int limit = settings.pullBatch();
            while (true) {
                renewLease();
                PullPage page;
                try {
                    page = next != null ? await(next) : transport.pull(cursor, limit, 0);
                    requireWellFormed(page, cursor);
                } catch (TransportException e) {
                    if (e.kind() == FailureKind.RESPONSE_TOO_LARGE && limit > 1) {
                        next = null;
                        limit = 1; // a page too big for this client: one mutation at a time is always taken
                        continue;
                    }
                    pass.pullFailed(FailureClassifier.classify(e), Duration.between(started, clock.instant()));
                    return;
                }
                if (!checkedServer) {
                    checkedServer = true;
                    if (serverWasReset(page, cursor, pass)) {
                        next = null;
                        start = 0;
                        cursor = 0;
                        continue; // this page answered a cursor the server never gave out: ask again from 0
                    }
                }
                long nextSince = page.lastSeq(cursor);
                int nextLimit = limit;
                next = page.hasMore() ? prefetcher.submit(() -> transport.pull(nextSince, nextLimit, 0)) : null;
                sawMutations |= !page.mutations().isEmpty();
                PullApplier.PageResult applied = applier.apply(page, cursor, pass.listener);
                pass.add(applied, page.latestSeq());
                cursor = applied.cursor();
                pass.progress.update(SyncStage.PULL, cursor - start, Math.max(page.latestSeq(), cursor) - start);
                if (!page.hasMore()) {
                    break;
                }
            }
        }
        pass.lastPulledSeq = cursor;
        if (sawMutations) {
            pass.listener.on(new SyncEvent.PullComplete(pass.applied, pass.stale, pass.setAside, cursor, pass.serverLatestSeq));
        } else {
            pass.listener.on(new SyncEvent.PullSkipped(cursor));
        }
    }

    /** Moves the cursor back to 0 when a project was enrolled since it last started from 0; returns where the pull starts. */
    private long rewindForNewProjects(Pass pass) {
        record Rewind(long from, List<String> projects) { }
        Rewind rewind = store.write(c -> {
            Cursor.Position at = Cursor.read(c);
            List<String> missing = Cursor.projectsWithoutHistory(c);
            if (missing.isEmpty()) {
                return new Rewind(at.lastPulledSeq(), List.of());
            }
            if (at.lastPulledSeq() == 0) {
                Cursor.covers(c, missing); // from 0 the pull brings their history anyway
                return new Rewind(0, List.of());
            }
            Cursor.rewind(c, at.serverId(), at.serverLatestSeq() == null ? 0 : at.serverLatestSeq(), clock.millis());
            return new Rewind(at.lastPulledSeq(), missing);
        });
        if (!rewind.projects().isEmpty()) {
            pass.listener.on(new SyncEvent.HistoryRequested(rewind.projects(), rewind.from()));
            return 0;
        }
        return rewind.from();
    }

    /**
     * True when the first page shows that the cursor does not belong to this server (another server id, or a
     * latest seq below the cursor: the server was replaced, reset or restored). Then the cursor goes back to 0
     * and every enrolled project is journaled again, in one transaction, so the server gets back what it lost;
     * both are harmless when nothing was lost, since applying and storing are idempotent by version.
     */
    private boolean serverWasReset(PullPage page, long cursor, Pass pass) {
        Cursor.Position at = store.read(Cursor::read);
        String why = at.staleAgainst(page.serverId(), page.latestSeq());
        if (why == null) {
            return false;
        }
        int requeued = store.write(c -> {
            Cursor.rewind(c, page.serverId(), page.latestSeq(), clock.millis());
            return store.journalEnrolledAgain(c);
        });
        pass.listener.on(new SyncEvent.ServerReset(why, at.serverId(), page.serverId(), cursor, page.latestSeq(), requeued));
        return true;
    }

    /** The prefetched page, or the failure its request met (rethrown as it was). */
    private static PullPage await(Future<PullPage> next) {
        try {
            return next.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransportException.of(FailureKind.TIMEOUT, "interrupted while waiting for a pull answer", e);
        }
    }

    /**
     * A page must be in strictly increasing seq order (or applying it could skip a mutation for good),
     * and a page that says "more" must move the cursor forward (or the pass would loop for ever).
     */
    private static void requireWellFormed(PullPage page, long cursor) {
        long previous = Long.MIN_VALUE;
        for (var m : page.mutations()) {
            if (m.seq() <= previous) {
                throw TransportException.malformed("pull since_seq=" + cursor + " answered seqs out of order (" + m.seq()
                        + " after " + previous + ")");
            }
            previous = m.seq();
        }
        if (page.hasMore() && page.lastSeq(cursor) <= cursor) {
            throw TransportException.malformed("pull since_seq=" + cursor + " answered has_more=true without a mutation past "
                    + cursor);
        }
    }

    // ---- lease ----------------------------------------------------------------------------------

    private void renewLease() {
        Lease.Outcome outcome;
        try {
            outcome = lease.acquire(clock.instant());
        } catch (RuntimeException e) {
            throw new LeaseFailed(leaseFailure(e));
        }
        if (outcome instanceof Lease.Outcome.HeldByAnother held) {
            throw new LeaseLost(new Lease.Holder(held.owner(), held.until()));
        }
    }

    /** The lease could not be read or written (the local database failed): the same outcome at the start and during a pass. */
    private static Failure leaseFailure(RuntimeException e) {
        Failure f = FailureClassifier.classify(e);
        return new Failure(f.reason(), f.disposition(), f.scope(), "sync lease: " + f.error());
    }

    /** Renewing the lease failed during the pass: stop, and report it as a lease error. */
    private static final class LeaseFailed extends RuntimeException {
        final transient Failure failure;

        LeaseFailed(Failure failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    /** The lease expired during the pass and another process took it: stop at once, it syncs now. */
    private static final class LeaseLost extends RuntimeException {
        final transient Lease.Holder holder;

        LeaseLost(Lease.Holder holder) {
            super(null, null, false, false);
            this.holder = holder;
        }
    }

    /** The counters of one pass. */
    private final class Pass {
        final SyncListener listener;
        final SyncProgress progress;
        final List<SyncResult.ProjectFailure> pushFailures = new ArrayList<>();
        Failure pullFailure;
        Failure serverFailure;
        int pushed;
        int refused;
        boolean renewedIdentity;
        int applied;
        int stale;
        int setAside;
        Long lastPulledSeq;
        Long serverLatestSeq;

        Pass(SyncListener listener, SyncProgress progress) {
            this.listener = listener;
            this.progress = progress;
        }

        boolean serverDown() {
            return serverFailure != null;
        }

        void pushFailed(String project, Failure failure, Duration elapsed) {
            pushFailures.add(new SyncResult.ProjectFailure(project, failure));
            listener.on(new SyncEvent.PushFailed(project, failure, elapsed));
            if (failure.scope() == Failure.Scope.SERVER) {
                serverFailure = failure;
            }
        }

        void pullFailed(Failure failure, Duration elapsed) {
            pullFailure = failure;
            listener.on(new SyncEvent.PullFailed(failure, elapsed, applied));
        }

        void add(PullApplier.PageResult page, long latestSeq) {
            applied += page.applied();
            stale += page.stale() + page.skipped(); // not applied here: known already, or of a project not enrolled
            setAside += page.setAside();
            serverLatestSeq = latestSeq;
        }

        SyncResult.Completed result(Duration elapsed) {
            long cursor = lastPulledSeq != null ? lastPulledSeq : store.read(Cursor::read).lastPulledSeq();
            return new SyncResult.Completed(pushed, applied, stale, setAside, cursor, serverLatestSeq, pushFailures,
                    pullFailure, elapsed);
        }
    }
}
