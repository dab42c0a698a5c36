package dev.engram.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when a test moves it. Thread-safe. */
public final class MutableClock implements InstantSource {
    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public static MutableClock at(String rfc3339) {
        return new MutableClock(Instant.parse(rfc3339));
    }

    @Override
    public Instant instant() {
        return now;
    }

    public synchronized Instant advance(Duration d) {
        now = now.plus(d);
        return now;
    }

    public void set(Instant instant) {
        now = instant;
    }
}
