package dev.engram.autosync;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What other threads ask of the owner thread (a local write happened, sync now, stop), and the one
 * place the owner thread waits. Writers never block on a running cycle; the owner takes everything
 * at once with {@link #drain}.
 */
final class Inbox {
    /** What arrived since the last drain: the first and last local write (or nulls), and whether a wake was asked. */
    record Mail(Instant firstWrite, Instant lastWrite, boolean wake) { }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private Instant firstWrite;
    private Instant lastWrite;
    private boolean wake;
    private boolean stopping;

    void localWrite(Instant at) {
        lock.lock();
        try {
            if (firstWrite == null) {
                firstWrite = at;
            }
            lastWrite = at;
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    void wake() {
        lock.lock();
        try {
            wake = true;
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        lock.lock();
        try {
            stopping = true;
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    boolean stopping() {
        lock.lock();
        try {
            return stopping;
        } finally {
            lock.unlock();
        }
    }

    /** Takes what arrived; null once stopping. */
    Mail drain() {
        lock.lock();
        try {
            if (stopping) {
                return null;
            }
            Mail mail = new Mail(firstWrite, lastWrite, wake);
            firstWrite = null;
            lastWrite = null;
            wake = false;
            return mail;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code delay}, or less if anything arrives. An interrupt just ends the wait. */
    void await(Duration delay) {
        lock.lock();
        try {
            if (stopping || firstWrite != null || wake || delay.isZero()) {
                return;
            }
            signal.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // stop() interrupts only after asking to stop: the loop sees it at the next drain
        } finally {
            lock.unlock();
        }
    }
}
