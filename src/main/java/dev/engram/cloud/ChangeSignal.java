package dev.engram.cloud;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wakes long polls: {@link #nextChange()} is a future that completes at the next {@link #fire()}.
 * A waiter takes the future before it queries, so a change between its query and its wait is
 * never lost. After {@link #close()} every future is already complete (shutdown releases waiters).
 */
final class ChangeSignal {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>(new CompletableFuture<>());

    CompletableFuture<Void> nextChange() {
        return next.get();
    }

    void fire() {
        CompletableFuture<Void> current = next.get();
        if (current != DONE && next.compareAndSet(current, new CompletableFuture<>())) {
            current.complete(null);
        }
    }

    void close() {
        next.getAndSet(DONE).complete(null);
    }

    boolean closed() {
        return next.get() == DONE;
    }
}
