package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.testing.MutableClock;
import dev.engram.sync.SyncEvent;
import dev.engram.sync.SyncSettings;
import dev.engram.transport.FakeSyncTransport;
import dev.engram.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A scripted life of one manager, driven turn by turn with a fake clock: healthy, then failing, then
 * at the failure ceiling (with a crash on the way), then recovered. Shared by the event-sequence test
 * and the log-output test so both check the same run.
 */
final class ScriptedRun {
    static final String SECRET_TITLE = "secret title xyzzy";
    static final String SECRET_CONTENT = "secret content plugh";

    final MutableClock clock = MutableClock.at("2026-11-27T06:00:00Z");
    final FakeSyncTransport server = new FakeSyncTransport();
    final AutosyncConfig config = new AutosyncConfig("https://cloud.example", Duration.ofSeconds(30), Duration.ofMillis(500),
            new SyncSettings(100, 100, Duration.ofSeconds(60)), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)), 2);
    final SqliteMemoryStore store;
    final AutosyncManager manager;

    ScriptedRun(Path dir, AutosyncListener listener) {
        store = SqliteMemoryStore.openFile(dir.resolve("engram.db"), clock, new SplittableRandom(11));
        store.enroll("alpha");
        store.save(NewObservation.of("alpha", SECRET_TITLE, SECRET_CONTENT));
        manager = new AutosyncManager(store, server, config, clock, new SplittableRandom(5), listener);
    }

    /** Plays the script; the assertions here only check that each turn did what the script expects. */
    void play() {
        manager.open();
        step();                                   // cycle 1: pushes 2 rows, pulls their echoes: healthy
        assertThat(step()).isEqualTo(AutosyncManager.PEER_CHECK_INTERVAL); // idle: nothing happens

        clock.advance(Duration.ofSeconds(30));
        server.failNextPull(TransportException.http(503, "unavailable", "GET /sync/mutations/pull: 503 unavailable"));
        step();                                   // cycle 2: pull fails, failure 1
        step();                                   // backoff, below the ceiling: silent

        clock.set(manager.status().backoffUntil());
        server.failNextPull(TransportException.http(503, "unavailable", "GET /sync/mutations/pull: 503 unavailable"));
        step();                                   // cycle 3: failure 2 = the ceiling
        step();                                   // WARN: max failures, once for this window
        manager.wake();
        step();                                   // woken inside the window: DEBUG repeat

        clock.set(manager.status().backoffUntil());
        server.crashNextPull(new IllegalStateException("fake bug in a transport"));
        step();                                   // cycle 4: crashes, failure 3
        step();                                   // a new window: WARN again

        clock.set(manager.status().backoffUntil());
        step();                                   // cycle 5: recovers
        manager.close();
    }

    private Duration step() {
        return manager.step();
    }

    /** Fields that say what happened (ids, times and errors left out), in the short form of {@link #render}. */
    static final List<String> SHOWN = List.of("target_key", "count", "project", "mutations", "mutations_applied", "stale",
            "last_seq", "reason_code", "consecutive_failures", "max", "ok");

    /**
     * One short line per event, through the same {@link LogLines} the log output uses (so this is not a
     * second catalogue): level, message and the {@link #SHOWN} fields; events that write no line show
     * as {@code cycle} and {@code stage X}. In-cycle lines are indented.
     */
    static String render(AutosyncEvent event) {
        LogEvent.LogLine line = LogLines.of(event);
        if (line == null) {
            return event instanceof AutosyncEvent.InCycle in
                    ? "  " + (in.event() instanceof SyncEvent.StageStarted s ? "stage " + s.stage() : in.event().getClass().getSimpleName())
                    : "cycle";
        }
        StringBuilder b = new StringBuilder(line.fields().containsKey("cycle_id") ? "  " : "")
                .append(line.level()).append(' ').append(line.event().msg());
        for (String key : SHOWN) {
            if (line.fields().containsKey(key)) {
                b.append(' ').append(key).append('=').append(line.fields().get(key));
            }
        }
        return b.toString();
    }

    static final List<String> EXPECTED = List.of(
            "INFO manager started target_key=cloud",
            "cycle",
            "  stage PUSH", "  DEBUG pushing mutations count=2", "  DEBUG project batch pushed project=alpha mutations=2",
            "  stage PULL", "  DEBUG pull complete mutations_applied=0 stale=2 last_seq=2",
            "  INFO sync healthy", "  DEBUG cycle complete ok=true",
            "cycle",
            "  stage PUSH", "  DEBUG push skipped: nothing pending", "  stage PULL",
            "  WARN pull failed mutations_applied=0 reason_code=server_error",
            "  WARN failure recorded reason_code=server_error consecutive_failures=1", "  DEBUG cycle complete ok=false",
            "cycle",
            "  stage PUSH", "  DEBUG push skipped: nothing pending", "  stage PULL",
            "  WARN pull failed mutations_applied=0 reason_code=server_error",
            "  WARN failure recorded reason_code=server_error consecutive_failures=2", "  DEBUG cycle complete ok=false",
            "WARN cycle skipped: max failures consecutive_failures=2 max=2",
            "DEBUG cycle skipped: max failures consecutive_failures=2 max=2",
            "cycle",
            "  stage PUSH", "  DEBUG push skipped: nothing pending", "  stage PULL", "  ERROR cycle crashed",
            "  WARN failure recorded reason_code=internal_error consecutive_failures=3",
            "WARN cycle skipped: max failures consecutive_failures=3 max=2",
            "cycle",
            "  stage PUSH", "  DEBUG push skipped: nothing pending", "  stage PULL", "  DEBUG pull skipped: already up to date last_seq=2",
            "  INFO sync healthy", "  DEBUG cycle complete ok=true",
            "INFO manager stopped target_key=cloud");
}
