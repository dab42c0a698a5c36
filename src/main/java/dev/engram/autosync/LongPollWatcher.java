package dev.engram.autosync;

import dev.engram.transport.PullPage;
import dev.engram.transport.SyncTransport;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Holds one long-poll pull ({@code wait_ms}) open against the server and wakes the manager as soon as
 * the server has something newer, so replicas see each other's writes within milliseconds instead of
 * one poll interval. It never applies anything itself: the manager's next cycle pulls and applies, and
 * reports failures; the watcher only waits (and, after a failed request, waits longer before the next).
 *
 * <p>It asks for mutations newer than the newest seq the server reported last time, so one arrival
 * wakes the manager once, not again and again until the manager's pull catches up.
 */
public final class LongPollWatcher implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(25);
    static final Duration RETRY_MIN = Duration.ofSeconds(1);

    private final SyncTransport transport;
    private final LongSupplier cursor;
    private final Runnable wake;
    private final Duration wait;
    private final Duration retryMax;
    private final Object lock = new Object();
    private volatile boolean running;
    private Thread thread;

    /**
     * @param cursor   the replica's pull cursor (where the first long poll starts)
     * @param wake     what to call when the server has something newer (the manager's {@code wake})
     * @param retryMax the longest pause after failed requests (the manager's poll interval suits)
     */
    public LongPollWatcher(SyncTransport transport, LongSupplier cursor, Runnable wake, Duration wait, Duration retryMax) {
        this.transport = transport;
        this.cursor = cursor;
        this.wake = wake;
        this.wait = wait;
        this.retryMax = retryMax.compareTo(RETRY_MIN) < 0 ? RETRY_MIN : retryMax;
    }

    public LongPollWatcher(SyncTransport transport, LongSupplier cursor, Runnable wake, Duration retryMax) {
        this(transport, cursor, wake, WAIT, retryMax);
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("engram-long-poll").start(this::loop);
    }

    private void loop() {
        long since = cursor.getAsLong();
        Duration retry = RETRY_MIN;
        while (running) {
            try {
                PullPage page = transport.pull(since, 1, wait.toMillis());
                retry = RETRY_MIN;
                if (!page.mutations().isEmpty()) {
                    since = Math.max(page.latestSeq(), page.lastSeq(since));
                    wake.run();
                }
            } catch (RuntimeException e) {
                // The manager's own cycles report what is wrong; here, only wait before asking again.
                pause(retry);
                retry = retry.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : retry.multipliedBy(2);
            }
        }
    }

    private void pause(Duration d) {
        synchronized (lock) {
            if (!running) {
                return;
            }
            try {
                lock.wait(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Stops waiting: the open request is abandoned (its thread is interrupted). */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
