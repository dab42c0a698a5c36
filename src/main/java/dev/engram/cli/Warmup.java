package dev.engram.cli;

import dev.engram.logging.LogSetup;
import dev.engram.memory.SqliteMemoryStore;
import java.util.List;

/**
 * Start-up work of a command that opens the store, done on two more threads while the main thread builds and
 * parses the command line: SLF4J's initialisation then the SQLite driver's native library (the driver asks SLF4J
 * for loggers) on one, the driver's settings (time zone and locale data, no logging) on the other. On this
 * machine that is about 30 ms of CPU of a 65 ms {@code engram search}, taken off its critical path. The main
 * thread waits for both ({@link #await()}) before it logs or opens anything, so no library is initialised by two
 * threads at once. (Logback itself starts only if something logs: see {@code LazyLogbackProvider}.)
 */
final class Warmup {
    private static List<Thread> threads;

    private Warmup() {
    }

    /** Starts the warm-up once per process. */
    static synchronized void start() {
        if (threads == null) {
            threads = List.of(
                    Thread.ofPlatform().name("engram-warmup-log").daemon(true).start(quietly(() -> {
                        LogSetup.warmUp();
                        SqliteMemoryStore.warmUpNativeLibrary();
                    })),
                    Thread.ofPlatform().name("engram-warmup-sqlite").daemon(true).start(quietly(SqliteMemoryStore::warmUpSettings)));
        }
    }

    /** The work, whose failure says nothing: the command meets the same problem on its own thread and reports it. */
    private static Runnable quietly(Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                // reported by the command, in its own words and format
            }
        };
    }

    /** Waits until the warm-up is over; returns at once when none was started. */
    static void await() {
        List<Thread> started;
        synchronized (Warmup.class) {
            started = threads;
        }
        if (started == null) {
            return;
        }
        try {
            for (Thread t : started) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
