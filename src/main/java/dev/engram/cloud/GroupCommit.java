package dev.engram.cloud;

import dev.engram.logging.ComponentLogger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit without a thread of its own: pushes that arrive while another is being stored
 * queue up, and the next caller to take the lock stores all of them in one transaction (one write
 * lock, one commit, one NOTIFY). Each caller gets its own result or its own failure: when a
 * group's transaction fails for a reason that is not transient (one request the database refuses),
 * each request of the group is tried again alone, so only the request at fault fails.
 *
 * <p>No request is stranded: a caller that fails to take the lock does so while a leader holds
 * it, and every leader re-checks the queue after unlocking, taking the lock again if it is not empty.
 */
final class GroupCommit {
    private static final ComponentLogger log = ComponentLogger.of("cloud");
    /** Most entries stored in one transaction; a bigger backlog is drained in several. */
    static final int MAX_GROUP_ENTRIES = 1_000;

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Writer writer;

    /** Stores a group in one transaction; returns one result per request, in order. */
    @FunctionalInterface
    interface Writer {
        List<AppendResult> write(List<AppendRequest> group);
    }

    GroupCommit(Writer writer) {
        this.writer = writer;
    }

    AppendResult append(AppendRequest request) {
        Pending mine = new Pending(request, new CompletableFuture<>());
        queue.add(mine);
        do {
            if (!lock.tryLock()) {
                break;
            }
            try {
                drain();
            } finally {
                lock.unlock();
            }
        } while (!queue.isEmpty());
        try {
            return mine.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /** Requests waiting for the next transaction (for tests and metrics). */
    int queued() {
        return queue.size();
    }

    private void drain() {
        List<Pending> group = new ArrayList<>();
        while (!queue.isEmpty()) {
            group.clear();
            int entries = 0;
            Pending next;
            while ((next = queue.peek()) != null && (group.isEmpty() || entries + next.request().batch().size() <= MAX_GROUP_ENTRIES)) {
                group.add(queue.poll());
                entries += next.request().batch().size();
            }
            write(group);
        }
    }

    private void write(List<Pending> group) {
        try {
            List<AppendResult> results = writer.write(group.stream().map(Pending::request).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            if (group.size() == 1 || (e instanceof CloudStoreException se && se.transientFailure())) {
                group.forEach(p -> p.result().completeExceptionally(e));
                return;
            }
            // The message of a failed batch may quote the statement's parameters (payloads): log only its kind.
            log.atWarn().setMessage("group commit failed; storing its pushes one by one").addKeyValue("pushes", group.size())
                    .addKeyValue("error", failureKind(e)).log();
            for (Pending p : group) {
                write(List.of(p));
            }
        }
    }

    /** The exception's class and, for a database error, its SQLState. */
    private static String failureKind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException se) {
                return se.getClass().getSimpleName() + " sqlstate=" + se.getSQLState();
            }
        }
        return e.getClass().getSimpleName();
    }

    private record Pending(AppendRequest request, CompletableFuture<AppendResult> result) {
    }
}
