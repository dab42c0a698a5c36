package dev.engram.replication;

import dev.engram.autosync.AutosyncConfig;
import dev.engram.autosync.AutosyncEvent;
import dev.engram.autosync.AutosyncManager;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.transport.HttpSyncTransport;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A second process for {@link LeaseTakeoverEndToEndTest}: opens the data directory, runs autosync with a
 * 1s lease renewed every 200ms, prints {@code ready <lease owner>} once a pass has succeeded (so it holds
 * the lease), then waits to be killed.
 *
 * <p>Arguments: data directory, server URL, token.
 */
public final class LeaseHolderMain {
    static final Map<String, String> ENV = Map.of("ENGRAM_AUTOSYNC_LEASE_TTL", "1s", "ENGRAM_AUTOSYNC_POLL_INTERVAL", "200ms",
            "ENGRAM_AUTOSYNC_DEBOUNCE", "20ms");

    private LeaseHolderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SqliteMemoryStore store = SqliteMemoryStore.open(Path.of(args[0]));
        HttpSyncTransport transport = new HttpSyncTransport(args[1], args[2]);
        CountDownLatch healthy = new CountDownLatch(1);
        AutosyncManager manager = new AutosyncManager(store, transport, AutosyncConfig.fromEnv(ENV, args[1]), InstantSource.system(),
                new SecureRandom(), event -> {
                    if (event instanceof AutosyncEvent.SyncHealthy) {
                        healthy.countDown();
                    }
                });
        manager.start();
        healthy.await();
        System.out.println("ready " + manager.leaseOwner());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
