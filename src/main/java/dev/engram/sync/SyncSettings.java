package dev.engram.sync;

import dev.engram.base.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * What one pass needs to know: entries per push request, mutations per pull page, and how long the
 * lease lasts without renewal.
 *
 * @param pushBatch at most this many journal rows per push request (1..1000; default 100)
 * @param pullBatch at most this many mutations per pull page (1..1000; default 100)
 * @param leaseTtl  how long a lease holder may be silent before another process takes over (at least 1s; default 60s)
 */
public record SyncSettings(int pushBatch, int pullBatch, Duration leaseTtl) {
    public static final int MAX_BATCH = 1_000;
    public static final SyncSettings DEFAULTS = new SyncSettings(100, 100, Duration.ofSeconds(60));

    public SyncSettings {
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        requireBatch("ENGRAM_AUTOSYNC_PUSH_BATCH", pushBatch);
        requireBatch("ENGRAM_AUTOSYNC_PULL_BATCH", pullBatch);
        if (leaseTtl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidInputException("ENGRAM_AUTOSYNC_LEASE_TTL",
                    "ENGRAM_AUTOSYNC_LEASE_TTL must be at least 1s, was " + leaseTtl.toMillis() + "ms");
        }
    }

    private static void requireBatch(String name, int value) {
        if (value < 1 || value > MAX_BATCH) {
            throw new InvalidInputException(name, name + " must be between 1 and " + MAX_BATCH + ", was " + value);
        }
    }
}
