package dev.engram.sync;

import dev.engram.memory.ApplyOutcome;
import dev.engram.memory.BadPayloadException;
import dev.engram.memory.Sql;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.protocol.ErrorDetail;
import dev.engram.protocol.MutationCheck;
import dev.engram.transport.PullPage;
import dev.engram.transport.PulledMutation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies one pull page and advances the cursor in the same local transaction (contract 8.4). Nothing a
 * peer sends is trusted: a mutation applies only when it is for an enrolled project, its payload agrees
 * with its envelope and every value is in range ({@link MutationCheck}), and the convergence rule finds
 * it newer. Each mutation runs under its own savepoint: one that cannot be applied, for whatever reason,
 * is rolled back alone, set aside with its evidence in the dead letters, and the cursor moves past it,
 * so one poisoned row never stops the replica. Only a failure of the local database itself rolls the
 * page back (it is pulled again).
 *
 * <p>Our own writes come back too: they are applied like any other and found stale by their version.
 * Recognising them by the replica id in their mutation id would be wrong, because a copied or restored
 * database shares that id with writes it never made.
 */
final class PullApplier {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SqliteMemoryStore store;
    private final InstantSource clock;

    PullApplier(SqliteMemoryStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What one page did; {@code cursor} is the new pull cursor. {@code skipped} counts mutations of projects not enrolled here. */
    record PageResult(int applied, int stale, int skipped, int setAside, long cursor) { }

    PageResult apply(PullPage page, long since, SyncListener listener) {
        Instant now = clock.instant();
        List<SyncEvent> events = new ArrayList<>();
        PageResult result = store.write(c -> {
            Set<String> enrolled = new HashSet<>(Sql.list(c, "SELECT project FROM enrolled_projects",
                    rs -> rs.getString(1)));
            int applied = 0;
            int stale = 0;
            int skipped = 0;
            int setAside = 0;
            long cursor = since;
            for (PulledMutation m : page.mutations()) {
                if (m.seq() <= cursor) {
                    continue; // delivered before: the cursor already covers it
                }
                cursor = m.seq();
                if (!enrolled.contains(m.project())) {
                    skipped++; // not replicated here; enrolling the project later pulls its history again
                    continue;
                }
                String error = applyOne(c, m, now);
                if (error == null) {
                    applied++;
                } else if (error.isEmpty()) {
                    stale++;
                } else {
                    DeadLetters.add(c, m, error, now.toEpochMilli());
                    setAside++;
                    events.add(new SyncEvent.MutationSetAside(m.seq(), m.mutationId(), m.entity(), m.op(), error, now));
                }
            }
            Cursor.advance(c, cursor, Math.max(page.latestSeq(), cursor), page.serverId(), now.toEpochMilli());
            return new PageResult(applied, stale, skipped, setAside, cursor);
        });
        events.forEach(listener::on); // only once the page committed
        return result;
    }

    /** Null when applied, "" when stale, otherwise why the mutation cannot be applied. */
    private static String applyOne(Connection c, PulledMutation m, Instant now) throws SQLException {
        JsonNode payload;
        try {
            payload = m.payloadJson() == null ? null : JSON.readTree(m.payloadJson());
        } catch (JacksonException e) {
            return "payload is not valid JSON";
        }
        List<ErrorDetail> problems = MutationCheck.check(
                new MutationCheck.Envelope(m.mutationId(), m.project(), m.entity(), m.entityKey(), m.op()), payload, now);
        if (!problems.isEmpty()) {
            return problems.stream().map(p -> p.field() + " " + p.problem()).collect(Collectors.joining("; "));
        }
        String owner = SqliteMemoryStore.projectOf(c, m.entity(), m.entityKey());
        if (owner != null && !owner.equals(m.project())) {
            return m.entity() + " " + MutationCheck.echo(m.entityKey()) + " belongs to project " + owner + " here, not to "
                    + m.project() + ": replication never moves an entity between projects";
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            ApplyOutcome outcome = SqliteMemoryStore.applyMutation(c, m.entity(), m.op(), payload, now);
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
        } catch (RuntimeException e) {
            // A payload that passed every check and still broke the apply code: a bug, but never a frozen replica.
            c.rollback(savepoint);
            return "could not be applied: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
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
