package dev.engram.sync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event of a pass, for assertions. */
public final class RecordingSyncListener implements SyncListener {
    private final List<SyncEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void on(SyncEvent event) {
        events.add(event);
    }

    public List<SyncEvent> events() {
        return List.copyOf(events);
    }

    public <T extends SyncEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
