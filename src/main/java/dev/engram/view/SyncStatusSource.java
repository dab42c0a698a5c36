package dev.engram.view;

import dev.engram.memory.SqliteMemoryStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the front doors read the sync status record of contract section 6 ({@code GET /sync/status},
 * {@code mem_sync_status}, and the status gauges of {@code /metrics}).
 *
 * <p>The seam for the autosync manager: {@code engram serve} and {@code engram mcp} pass a source that
 * renders the persisted status with the contract's wire names, in the contract's order
 * ({@code () -> replication.status(dataDir, store).toWire()}). Values may be {@link java.time.Instant}s
 * (rendered as RFC 3339), numbers, strings, booleans, lists or null. {@link #notConfigured(SqliteMemoryStore)}
 * is the record of a replica without cloud sync ({@code phase=disabled, reason_code=not_configured}),
 * for tests and the launcher's start-up training.
 */
@FunctionalInterface
public interface SyncStatusSource {
    String NOT_CONFIGURED_MESSAGE = "Cloud sync is not configured: run 'engram cloud config --server URL --token TOKEN' "
            + "and 'engram cloud enroll PROJECT'.";

    /** The current status record, wire name to value, read fresh on every call. */
    Map<String, Object> current();

    /** The record of a replica without cloud sync; pending count and enrolled projects come from the store. */
    static SyncStatusSource notConfigured(SqliteMemoryStore store) {
        return () -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("enabled", false);
            r.put("server", null);
            r.put("phase", "disabled");
            r.put("reason_code", "not_configured");
            r.put("reason_message", NOT_CONFIGURED_MESSAGE);
            r.put("last_error", null);
            r.put("consecutive_failures", 0);
            r.put("backoff_until", null);
            r.put("last_sync_at", null);
            r.put("pending_count", store.pendingCount());
            r.put("oldest_pending_age_ms", null);
            r.put("last_pulled_seq", 0);
            r.put("server_latest_seq", null);
            r.put("lease_owner", null);
            r.put("lease_until", null);
            r.put("dead_count", 0);
            r.put("outbound_dead_count", 0);
            r.put("enrolled_projects", store.enrolledProjects());
            return r;
        };
    }
}
