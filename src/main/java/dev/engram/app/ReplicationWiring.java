package dev.engram.app;

import dev.engram.autosync.AutosyncConfig;
import dev.engram.autosync.AutosyncListener;
import dev.engram.autosync.AutosyncManager;
import dev.engram.autosync.CycleReport;
import dev.engram.autosync.LoggingAutosyncListener;
import dev.engram.autosync.LongPollWatcher;
import dev.engram.autosync.SyncStatus;
import dev.engram.autosync.SyncStatusReader;
import dev.engram.base.EngramException;
import dev.engram.cli.Replication;
import dev.engram.config.CloudSettings;
import dev.engram.config.CloudSettingsFile;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.metrics.AutosyncMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import dev.engram.sync.SyncProgress;
import dev.engram.sync.SyncRequest;
import dev.engram.transport.HttpSyncTransport;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Map;

/**
 * Builds the replication side from a data directory and the environment: settings (flags, env,
 * {@code cloud.json}), the HTTP transport, the autosync manager with its logging listener.
 */
public final class ReplicationWiring implements Replication {
    private final Map<String, String> env;

    /** Wiring that reads {@code ENGRAM_CLOUD_*} and {@code ENGRAM_AUTOSYNC_*} from {@code env}. */
    public ReplicationWiring(Map<String, String> env) {
        this.env = env;
    }

    CloudSettings settings(Path dataDir) {
        return CloudSettingsFile.resolve(dataDir, env);
    }

    /**
     * {@code ENGRAM_AUTOSYNC_*} read once; a bad value is an input error naming the variable. The
     * configuration says whether this process has autosync on, which the status record it writes shows.
     */
    private AutosyncConfig config(CloudSettings settings) {
        return AutosyncConfig.fromEnv(env, settings.serverDisplay()).withAutosync(settings.autosyncEnabled());
    }

    /** A manager for {@code store}; the caller starts it (long-lived processes) or calls syncNow (engram sync). */
    Manager manager(SqliteMemoryStore store, CloudSettings settings, AutosyncConfig config, AutosyncListener extra) {
        HttpSyncTransport transport = new HttpSyncTransport(settings.serverDisplay(), settings.token());
        AutosyncManager manager = new AutosyncManager(store, transport, config, InstantSource.system(), new SecureRandom(),
                extra == null ? new LoggingAutosyncListener() : AutosyncListener.all(new LoggingAutosyncListener(), extra));
        return new Manager(manager, transport);
    }

    /** A manager and the transport it owns, closed together. */
    record Manager(AutosyncManager manager, HttpSyncTransport transport) implements AutoCloseable {
        @Override
        public void close() {
            try {
                manager.close();
            } finally {
                transport.close();
            }
        }
    }

    @Override
    public CycleReport syncOnce(Path dataDir, SqliteMemoryStore store, SyncRequest request, SyncProgress progress) {
        CloudSettings settings = settings(dataDir);
        if (!settings.configured()) {
            throw new EngramException("cloud sync is not configured: run 'engram cloud config --server URL --token TOKEN' "
                    + "and 'engram cloud enroll PROJECT'");
        }
        try (Manager m = manager(store, settings, config(settings), null)) {
            return m.manager().syncNow(request, progress);
        }
    }

    @Override
    public AutoCloseable startAutosync(Path dataDir, SqliteMemoryStore store, MeterRegistry metrics) {
        return startAutosync(dataDir, store, metrics, AutosyncListener.NONE);
    }

    @Override
    public AutoCloseable startAutosync(Path dataDir, SqliteMemoryStore store, MeterRegistry metrics, AutosyncListener extra) {
        CloudSettings settings = settings(dataDir);
        if (!settings.autosyncEnabled()) {
            return () -> { };
        }
        AutosyncConfig config = config(settings);
        SyncStatusReader statusReader = new SyncStatusReader(store);
        AutosyncListener meters = metrics == null ? AutosyncListener.NONE
                : new AutosyncMetrics(metrics, statusReader::read, InstantSource.system());
        Manager m = manager(store, settings, config, AutosyncListener.all(meters, extra));
        m.manager().start();
        LongPollWatcher watcher = new LongPollWatcher(m.transport(), () -> statusReader.read().lastPulledSeq(),
                m.manager()::wake, config.pollInterval());
        watcher.start();
        return () -> {
            try {
                watcher.close();
            } finally {
                m.close();
            }
        };
    }

    /**
     * The persisted record, the same from every process whatever its own settings; this process's
     * configuration speaks only for a database where no pass was ever recorded.
     */
    @Override
    public SyncStatus status(Path dataDir, SqliteMemoryStore store) {
        CloudSettings settings = settings(dataDir);
        return new SyncStatusReader(store).read(new SyncStatusReader.OwnSettings(settings.serverDisplay(), settings.configured(),
                settings.autosyncEnabled()));
    }
}
