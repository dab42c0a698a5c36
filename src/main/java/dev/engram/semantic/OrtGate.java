package dev.engram.semantic;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The one way into ONNX Runtime's native code, so that the process never exits while a call is in it.
 *
 * <p>ONNX Runtime's Java binding frees its native environment in a JVM shutdown hook of its own, and the JVM
 * runs all shutdown hooks at once: a model load or an embedding still running on another thread then reads
 * freed memory and the JVM dies with SIGSEGV (exit 134 and an {@code hs_err} file; seen when {@code serve} was
 * stopped during its first second, while the background indexer loaded the model). No hook of ours can run
 * before theirs, so the gate is closed before the JVM starts exiting: by {@link #closeAndWait()} ahead of
 * {@code System.exit}, and by the handlers for SIGTERM, SIGINT and SIGHUP that the first {@link #enter()}
 * installs (they close the gate, then hand the signal to the JVM's own handler, which exits as before).
 * Closing waits for the calls in flight (at most {@link #CLOSE_WAIT_SECONDS}) and refuses new ones.
 */
public final class OrtGate {
    /** A model load takes about a second on two busy cores; an embedding, milliseconds. */
    static final long CLOSE_WAIT_SECONDS = 10;

    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();
    private static final AtomicBoolean SIGNALS_INSTALLED = new AtomicBoolean();
    private static volatile boolean closed;

    private OrtGate() {
    }

    /** Thrown by {@link #enter()} once the process is exiting: the caller stops quietly. */
    public static final class ClosedException extends RuntimeException {
        ClosedException() {
            super("the process is exiting; the embedding model is no longer used", null, false, false);
        }
    }

    /** The work of {@code call} as one call into the runtime. */
    @FunctionalInterface
    interface NativeCall<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code call} inside the gate; throws {@link ClosedException} when the process is exiting. */
    static <T, E extends Exception> T call(NativeCall<T, E> call) throws E {
        enter();
        try {
            return call.run();
        } finally {
            LOCK.readLock().unlock();
        }
    }

    private static void enter() {
        installSignalHandlers();
        if (closed) {
            throw new ClosedException();
        }
        LOCK.readLock().lock();
        if (closed) { // closed between the check and the lock: closeAndWait is waiting for us
            LOCK.readLock().unlock();
            throw new ClosedException();
        }
    }

    /** How many calls are in the runtime now (tests watch it). */
    static int inFlight() {
        return LOCK.getReadLockCount();
    }

    /** True once the gate is closed. */
    public static boolean isClosed() {
        return closed;
    }

    /**
     * Closes the gate: waits until no call is in the runtime (bounded) and refuses every later one. Call it
     * before the JVM exits; cheap when the runtime was never used. Returns false when a call was still in
     * the runtime after the wait.
     */
    public static boolean closeAndWait() {
        closed = true;
        try {
            if (LOCK.writeLock().tryLock(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOCK.writeLock().unlock(); // nobody is inside, and nobody can enter any more
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Once per process, before the first call into the runtime: a stop signal closes the gate first. */
    private static void installSignalHandlers() {
        if (!SIGNALS_INSTALLED.compareAndSet(false, true)) {
            return;
        }
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                Signal signal = new Signal(name);
                SignalHandler[] previous = new SignalHandler[1];
                previous[0] = Signal.handle(signal, s -> {
                    closeAndWait();
                    SignalHandler jvm = previous[0];
                    if (jvm != null && jvm != SignalHandler.SIG_DFL && jvm != SignalHandler.SIG_IGN) {
                        jvm.handle(s); // the JVM's own handler: runs the shutdown hooks, exits with 128 + signal
                    } else {
                        Runtime.getRuntime().exit(128 + s.getNumber());
                    }
                });
                if (previous[0] == SignalHandler.SIG_IGN) {
                    Signal.handle(signal, SignalHandler.SIG_IGN); // ignored before (nohup): it stays ignored
                }
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // -Xrs, or a signal the JVM keeps for itself: the JVM's handling stays as it was
            }
        }
    }
}
