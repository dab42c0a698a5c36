package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.sync.SyncEvent;
import dev.engram.testing.MutableClock;
import dev.engram.transport.Failure;
import dev.engram.transport.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncHistoryTest {
    private final MutableClock clock = MutableClock.at("2026-11-27T10:00:30Z");
    private final SyncHistory history = new SyncHistory(clock);

    private static AutosyncEvent pushed(int n) {
        return new AutosyncEvent.InCycle("c", new SyncEvent.ProjectBatchPushed("demo", n));
    }

    private static AutosyncEvent pulled(int n) {
        return new AutosyncEvent.InCycle("c", new SyncEvent.PullComplete(n, 0, 0, 10, 10));
    }

    private static AutosyncEvent failed() {
        Failure f = new Failure(ReasonCode.AUTH_REQUIRED, Failure.Disposition.values()[0], Failure.Scope.values()[0], "401");
        return new AutosyncEvent.FailureRecorded("c", f, 1, Instant.EPOCH);
    }

    @Test
    void countsPushedPulledAndFailuresPerMinuteWithTheCurrentMinuteLast() {
        history.on(pushed(3));
        history.on(pushed(2));
        history.on(pulled(7));
        clock.advance(Duration.ofMinutes(1));
        history.on(failed());
        history.on(new AutosyncEvent.CycleStarted("c")); // not counted

        List<SyncHistory.Minute> hour = history.lastHour();
        assertThat(hour).hasSize(SyncHistory.MINUTES);
        assertThat(hour.getLast()).isEqualTo(new SyncHistory.Minute(Instant.parse("2026-11-27T10:01:00Z"), 0, 0, 1));
        assertThat(hour.get(hour.size() - 2)).isEqualTo(new SyncHistory.Minute(Instant.parse("2026-11-27T10:00:00Z"), 5, 7, 0));
        assertThat(hour.getFirst().start()).isEqualTo(Instant.parse("2026-11-27T09:02:00Z"));
    }

    @Test
    void minutesOlderThanAnHourFallOutAndTheirSlotsStartAgainFromZero() {
        history.on(pushed(4));
        clock.advance(Duration.ofMinutes(60));
        assertThat(history.lastHour()).allSatisfy(m -> assertThat(m.pushed()).isZero());
        history.on(pushed(1)); // same slot of the ring as the old minute
        assertThat(history.lastHour().getLast().pushed()).isEqualTo(1);
        assertThat(history.lastHour().stream().mapToLong(SyncHistory.Minute::pushed).sum()).isEqualTo(1);
    }
}
