package dev.engram.autosync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event, for assertions. Thread-safe. */
public final class RecordingAutosyncListener implements AutosyncListener {
    private final List<AutosyncEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void on(AutosyncEvent event) {
        events.add(event);
    }

    public List<AutosyncEvent> events() {
        return List.copyOf(events);
    }

    public <T extends AutosyncEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Returns the events so far and forgets them. */
    /** The engine events of every cycle, of one type. */
    public <T extends dev.engram.sync.SyncEvent> List<T> syncEvents(Class<T> type) {
        return events.stream().filter(e -> e instanceof AutosyncEvent.InCycle).map(e -> ((AutosyncEvent.InCycle) e).event())
                .filter(type::isInstance).map(type::cast).toList();
    }

    public List<AutosyncEvent> drain() {
        List<AutosyncEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }
}
