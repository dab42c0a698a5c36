package dev.engram.sync;

import dev.engram.memory.Sql;
import dev.engram.memory.SqliteMemoryStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The right to sync one database file, held by one process at a time: a row in {@code sync_lease} with
 * the holder's id and an expiry. The holder renews it while it works; another process takes it only
 * once it has expired, so a crashed holder is replaced after one TTL. All decisions run inside one
 * immediate transaction, so two processes cannot both win.
 */
public final class Lease {
    private final SqliteMemoryStore store;
    private final String owner;
    private final Duration ttl;

    public Lease(SqliteMemoryStore store, String owner, Duration ttl) {
        this.store = Objects.requireNonNull(store, "store");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    /** A fresh owner id for this process: its pid and a random suffix, e.g. {@code pid-4242-9f3a1c}. */
    public static String newOwnerId(RandomGenerator random) {
        byte[] suffix = new byte[3];
        random.nextBytes(suffix);
        return "pid-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(suffix);
    }

    public String owner() {
        return owner;
    }

    /** Who holds the lease, as stored; expired holders included. */
    public record Holder(String owner, Instant until) {
        public boolean activeAt(Instant now) {
            return until.isAfter(now);
        }
    }

    /** The outcome of {@link #acquire}. */
    public sealed interface Outcome {
        record Acquired(String owner, Instant until) implements Outcome { }

        record HeldByAnother(String owner, Instant until) implements Outcome { }
    }

    /**
     * Takes or renews the lease until {@code now + ttl}: succeeds when nobody holds it, when this owner
     * holds it, or when the holder's lease has expired (takeover).
     */
    public Outcome acquire(Instant now) {
        Instant until = now.plus(ttl);
        return store.write(c -> {
            Holder current = holder(c);
            if (current != null && !current.owner().equals(owner) && current.activeAt(now)) {
                return new Outcome.HeldByAnother(current.owner(), current.until());
            }
            Sql.update(c, "INSERT INTO sync_lease (id, owner, acquired_at, expires_at) VALUES (1, ?, ?, ?) "
                    + "ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at, "
                    + "acquired_at = CASE WHEN sync_lease.owner = excluded.owner THEN sync_lease.acquired_at ELSE excluded.acquired_at END",
                    owner, now.toEpochMilli(), until.toEpochMilli());
            return new Outcome.Acquired(owner, until);
        });
    }

    /** Gives the lease up if this owner holds it, so another process need not wait for the TTL. */
    public void release() {
        store.write(c -> Sql.update(c, "DELETE FROM sync_lease WHERE owner = ?", owner));
    }

    /** The stored holder, or null. */
    public static Holder holder(Connection c) throws SQLException {
        return Sql.one(c, "SELECT owner, expires_at FROM sync_lease WHERE id = 1",
                rs -> new Holder(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))));
    }
}
