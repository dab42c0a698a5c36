package dev.engram.autosync;

import dev.engram.base.InvalidInputException;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff: {@code base * 2^(failures-1)}, with +/-25% jitter so that replicas that failed
 * together do not retry together, and never more than {@code max}.
 */
public record Backoff(Duration base, Duration max) {
    static final double JITTER = 0.25;

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.toMillis() < 1) {
            throw new InvalidInputException("ENGRAM_AUTOSYNC_BASE_BACKOFF",
                    "ENGRAM_AUTOSYNC_BASE_BACKOFF must be at least 1ms, was " + base.toMillis() + "ms");
        }
        if (max.compareTo(base) < 0) {
            throw new InvalidInputException("ENGRAM_AUTOSYNC_MAX_BACKOFF", "ENGRAM_AUTOSYNC_MAX_BACKOFF must be at least "
                    + "ENGRAM_AUTOSYNC_BASE_BACKOFF (" + base.toMillis() + "ms), was " + max.toMillis() + "ms");
        }
    }

    /** How long to wait after the {@code failures}-th consecutive failure (1 for the first). */
    public Duration delay(int failures, RandomGenerator random) {
        double factor = 1 - JITTER + random.nextDouble() * 2 * JITTER;
        double millis = Math.min(exponential(failures), max.toMillis()) * factor;
        return Duration.ofMillis(Math.max(1, Math.min(max.toMillis(), Math.round(millis))));
    }

    /** {@code base * 2^(failures-1)} without overflow (doubles saturate far above any max). */
    private double exponential(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 62));
        return base.toMillis() * Math.pow(2, doublings);
    }
}
