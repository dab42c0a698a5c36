package dev.engram.sync;

import dev.engram.memory.ApplyOutcome;
import dev.engram.memory.BadPayloadException;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.transport.PullPage;
import dev.engram.transport.PulledMutation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies one pull page and advances the cursor in the same local transaction (contract 8.4). Each
 * mutation runs under its own savepoint: one that cannot be applied (unknown entity, undecodable or
 * invalid payload, a constraint it would break) is rolled back alone, set aside with its evidence in
 * the dead letters, and the cursor moves past it, so one poisoned row never stops the replica.
 */
final class PullApplier {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SqliteMemoryStore store;
    private final InstantSource clock;

    PullApplier(SqliteMemoryStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What one page did; {@code cursor} is the new pull cursor. */
    record PageResult(int applied, int stale, int setAside, long cursor) { }

    PageResult apply(PullPage page, long since, SyncListener listener) {
        String ownPrefix = store.replicaId() + ":";
        long now = clock.millis();
        List<SyncEvent> events = new ArrayList<>();
        PageResult result = store.write(c -> {
            int applied = 0;
            int stale = 0;
            int setAside = 0;
            long cursor = since;
            for (PulledMutation m : page.mutations()) {
                if (m.seq() <= cursor) {
                    continue; // delivered before: the cursor already covers it
                }
                cursor = m.seq();
                if (m.mutationId() != null && m.mutationId().startsWith(ownPrefix)) {
                    stale++; // our own write, echoed back: it is already here
                    continue;
                }
                String error = applyOne(c, m);
                if (error == null) {
                    applied++;
                } else if (error.isEmpty()) {
                    stale++;
                } else {
                    DeadLetters.add(c, m, error, now);
                    setAside++;
                    events.add(new SyncEvent.MutationSetAside(m.seq(), m.mutationId(), m.entity(), m.op(), error,
                            Instant.ofEpochMilli(now)));
                }
            }
            Cursor.advance(c, cursor, Math.max(page.latestSeq(), cursor), now);
            return new PageResult(applied, stale, setAside, cursor);
        });
        events.forEach(listener::on); // only once the page committed
        return result;
    }

    /** Null when applied, "" when stale, otherwise why the mutation cannot be applied. */
    private static String applyOne(Connection c, PulledMutation m) throws SQLException {
        JsonNode payload;
        try {
            payload = m.payloadJson() == null ? null : JSON.readTree(m.payloadJson());
        } catch (JacksonException e) {
            return "payload is not valid JSON";
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            ApplyOutcome outcome = SqliteMemoryStore.applyMutation(c, m.entity(), m.op(), payload);
            c.releaseSavepoint(savepoint);
            return outcome == ApplyOutcome.APPLIED ? null : "";
        } catch (BadPayloadException e) {
            c.rollback(savepoint);
            return e.getMessage();
        } catch (SQLException e) {
            if (!isConstraint(e)) {
                throw e; // the local database failed: the whole page rolls back and is pulled again
            }
            c.rollback(savepoint);
            return "violates a local constraint: " + firstLine(e.getMessage());
        }
    }

    private static boolean isConstraint(SQLException e) {
        return String.valueOf(e.getMessage()).contains("SQLITE_CONSTRAINT");
    }

    private static String firstLine(String s) {
        String text = String.valueOf(s);
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
