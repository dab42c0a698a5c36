package dev.engram.autosync;

import dev.engram.base.Timestamps;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sync status record of contract 6, as one immutable value. {@link #toWire()} gives the exact
 * outside shape (snake_case names, RFC 3339 times, nulls kept) for {@code engram sync status --json},
 * {@code GET /sync/status} and {@code mem_sync_status}. It holds only plain values ({@code reasonCode}
 * is the wire spelling, e.g. {@code auth_required}), so front doors can show it without depending on
 * the transport.
 */
public record SyncStatus(
        boolean enabled,
        String server,
        Phase phase,
        String reasonCode,
        String reasonMessage,
        String lastError,
        int consecutiveFailures,
        Instant backoffUntil,
        Instant lastSyncAt,
        long pendingCount,
        Long oldestPendingAgeMs,
        long lastPulledSeq,
        Long serverLatestSeq,
        String leaseOwner,
        Instant leaseUntil,
        long deadCount,
        long outboundDeadCount,
        List<String> enrolledProjects) {

    public SyncStatus {
        enrolledProjects = List.copyOf(enrolledProjects);
    }

    /** True when nothing is wrong: healthy, or idle with no failure recorded yet. */
    public boolean ok() {
        return reasonCode == null && (phase == Phase.HEALTHY || phase == Phase.IDLE || phase == Phase.PUSHING
                || phase == Phase.PULLING);
    }

    /** The record with its outside field names, in contract order. */
    public Map<String, Object> toWire() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", enabled);
        m.put("server", server);
        m.put("phase", phase.wire());
        m.put("reason_code", reasonCode);
        m.put("reason_message", reasonMessage);
        m.put("last_error", lastError);
        m.put("consecutive_failures", consecutiveFailures);
        m.put("backoff_until", Timestamps.format(backoffUntil));
        m.put("last_sync_at", Timestamps.format(lastSyncAt));
        m.put("pending_count", pendingCount);
        m.put("oldest_pending_age_ms", oldestPendingAgeMs);
        m.put("last_pulled_seq", lastPulledSeq);
        m.put("server_latest_seq", serverLatestSeq);
        m.put("lease_owner", leaseOwner);
        m.put("lease_until", Timestamps.format(leaseUntil));
        m.put("dead_count", deadCount);
        m.put("outbound_dead_count", outboundDeadCount);
        m.put("enrolled_projects", enrolledProjects);
        return Collections.unmodifiableMap(m);
    }
}
