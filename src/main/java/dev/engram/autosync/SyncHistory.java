package dev.engram.autosync;

import dev.engram.sync.SyncEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The last hour of sync activity in this process, a minute per slot: mutations pushed, mutations pulled
 * and applied, and failed cycles. An {@link AutosyncListener} (the manager feeds it); a fixed ring of
 * {@value #MINUTES} slots, so it never grows. Kept in memory only: a restart starts an empty hour.
 */
public final class SyncHistory implements AutosyncListener {
    public static final int MINUTES = 60;
    private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();

    private final InstantSource clock;
    private final long[] minuteOf = new long[MINUTES];
    private final long[] pushed = new long[MINUTES];
    private final long[] pulled = new long[MINUTES];
    private final long[] failures = new long[MINUTES];

    public SyncHistory(InstantSource clock) {
        this.clock = clock;
        java.util.Arrays.fill(minuteOf, Long.MIN_VALUE);
    }

    /** One minute of activity; {@code start} is the minute's first instant. */
    public record Minute(Instant start, long pushed, long pulled, long failures) {
    }

    @Override
    public void on(AutosyncEvent event) {
        switch (event) {
            case AutosyncEvent.InCycle(String cycle, SyncEvent.ProjectBatchPushed p) -> add(pushed, p.mutations());
            case AutosyncEvent.InCycle(String cycle, SyncEvent.PullComplete p) -> add(pulled, p.applied());
            case AutosyncEvent.FailureRecorded f -> add(failures, 1);
            default -> { }
        }
    }

    private synchronized void add(long[] counts, long n) {
        long minute = Math.floorDiv(clock.millis(), MINUTE_MS);
        int slot = (int) Math.floorMod(minute, (long) MINUTES);
        if (minuteOf[slot] != minute) {
            minuteOf[slot] = minute;
            pushed[slot] = 0;
            pulled[slot] = 0;
            failures[slot] = 0;
        }
        counts[slot] += n;
    }

    /** The last {@value #MINUTES} minutes, oldest first, the current minute last; quiet minutes are zeros. */
    public synchronized List<Minute> lastHour() {
        long now = Math.floorDiv(clock.millis(), MINUTE_MS);
        List<Minute> out = new ArrayList<>(MINUTES);
        for (long minute = now - MINUTES + 1; minute <= now; minute++) {
            int slot = (int) Math.floorMod(minute, (long) MINUTES);
            boolean current = minuteOf[slot] == minute;
            out.add(new Minute(Instant.ofEpochMilli(minute * MINUTE_MS), current ? pushed[slot] : 0, current ? pulled[slot] : 0,
                    current ? failures[slot] : 0));
        }
        return out;
    }
}
