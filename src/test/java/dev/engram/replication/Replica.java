package dev.engram.replication;

import dev.engram.autosync.AutosyncConfig;
import dev.engram.autosync.AutosyncManager;
import dev.engram.autosync.CycleReport;
import dev.engram.autosync.RecordingAutosyncListener;
import dev.engram.autosync.SyncStatus;
import dev.engram.autosync.SyncStatusReader;
import dev.engram.memory.NewObservation;
import dev.engram.memory.Observation;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.SyncProgress;
import dev.engram.sync.SyncRequest;
import dev.engram.transport.HttpSyncTransport;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One machine: its own SQLite file, an HTTP transport to the cloud and the production autosync manager,
 * driven through {@link #sync()} ({@code engram sync}) or {@link AutosyncManager#start()}.
 */
final class Replica implements AutoCloseable {
    final String name;
    final SqliteMemoryStore store;
    final HttpSyncTransport transport;
    final AutosyncManager manager;
    final RecordingAutosyncListener events = new RecordingAutosyncListener();

    private Replica(String name, SqliteMemoryStore store, HttpSyncTransport transport, AutosyncManager manager) {
        this.name = name;
        this.store = store;
        this.transport = transport;
        this.manager = manager;
    }

    static Builder in(Path dir, String name) {
        return new Builder(dir, name);
    }

    static final class Builder {
        private final Path dir;
        private final String name;
        private InstantSource clock = InstantSource.system();
        private long seed;
        private Map<String, String> env = Map.of();
        private HttpSyncTransport.Settings http = HttpSyncTransport.Settings.DEFAULTS;

        private Builder(Path dir, String name) {
            this.dir = dir;
            this.name = name;
            this.seed = name.hashCode();
        }

        Builder clock(InstantSource c) {
            clock = c;
            return this;
        }

        Builder seed(long s) {
            seed = s;
            return this;
        }

        Builder env(Map<String, String> e) {
            env = e;
            return this;
        }

        Builder http(HttpSyncTransport.Settings s) {
            http = s;
            return this;
        }

        Replica connect(String serverUrl, String token, String... projects) {
            SqliteMemoryStore store = SqliteMemoryStore.openFile(dir.resolve(name + ".db"), clock, new SplittableRandom(seed));
            for (String p : projects) {
                store.enroll(p);
            }
            HttpSyncTransport transport = new HttpSyncTransport(serverUrl, token, http);
            Replica[] self = new Replica[1];
            AutosyncManager manager = new AutosyncManager(store, transport, AutosyncConfig.fromEnv(env, serverUrl), clock,
                    new SplittableRandom(seed + 1), event -> self[0].events.on(event));
            self[0] = new Replica(name, store, transport, manager);
            return self[0];
        }
    }

    /** One pass, as {@code engram sync} runs it. */
    CycleReport sync() {
        return manager.syncNow(SyncRequest.FULL, SyncProgress.NONE);
    }

    /** The persisted status record, as any process reads it. */
    SyncStatus persistedStatus() {
        return new SyncStatusReader(store).read();
    }

    long save(String project, String title, String content) {
        return store.save(NewObservation.of(project, title, content)).observation().id();
    }

    /** The local observation with this sync id, or null (hard-deleted or never seen). */
    Observation bySyncId(String syncId) {
        Long id = store.read(c -> {
            try (var st = c.prepareStatement("SELECT id FROM observations WHERE sync_id = ?")) {
                st.setString(1, syncId);
                try (var rs = st.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        });
        return id == null ? null : store.get(id);
    }

    /** Every observation row, soft-deleted ones included, as the fields that must agree across replicas. */
    List<ObservationState> state() {
        return store.read(c -> {
            List<ObservationState> out = new ArrayList<>();
            try (var st = c.prepareStatement("SELECT sync_id, project, title, content, type, scope, topic_key, deleted_at IS NOT NULL "
                    + "FROM observations ORDER BY sync_id");
                    var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ObservationState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)));
                }
            }
            return out;
        });
    }

    /** Sync ids of the live observations a search finds, sorted (ranking ties may order differently). */
    List<String> searchIds(String project, String text) {
        return store.search(new SearchQuery(text, null, project, null, 100)).stream()
                .map(hit -> hit.observation().syncId()).sorted().toList();
    }

    record ObservationState(String syncId, String project, String title, String content, String type, String scope,
                            String topicKey, boolean deleted) {
    }

    @Override
    public void close() {
        try {
            manager.close();
        } finally {
            try {
                transport.close();
            } finally {
                store.close();
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
