package dev.engram.cli;

import dev.engram.view.Views;
import dev.engram.autosync.SyncStatus;
import dev.engram.memory.SqliteMemoryStore;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram sync status}: the persisted sync state, readable while another process syncs. */
@Command(name = "status", description = "Show the sync state of this machine (works while another process holds the sync lease).")
final class SyncStatusCommand extends StoreCommand {
    private final Replication replication;

    @Option(names = "--json", description = "The status record as JSON (contract field names).")
    boolean json;

    SyncStatusCommand(Replication replication) {
        this.replication = replication;
    }

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        SyncStatus status = replication.status(root().dataDir(), store);
        Map<String, Object> wire = status.toWire();
        if (json) {
            out.println(CliJson.print(Views.status(wire)));
            return Cli.OK;
        }
        Table t = new Table();
        t.row("phase", String.valueOf(wire.get("phase")) + (status.reasonCode() == null ? "" : "  (" + status.reasonCode() + ")"));
        if (status.reasonMessage() != null) {
            t.row("what to do", status.reasonMessage());
        }
        if (status.lastError() != null) {
            t.row("last error", status.lastError());
        }
        t.row("server", status.server() == null ? "not configured" : status.server());
        t.row("autosync", status.enabled() ? "on" : "off");
        t.row("last sync", status.lastSyncAt() == null ? "never" : Format.date(status.lastSyncAt()) + " UTC");
        t.row("pending", status.pendingCount() + (status.oldestPendingAgeMs() == null ? "" : "  (oldest " + status.oldestPendingAgeMs() / 1000 + " s)"));
        if (status.consecutiveFailures() > 0) {
            t.row("failures", status.consecutiveFailures() + (status.backoffUntil() == null ? "" : ", next try " + Format.date(status.backoffUntil())));
        }
        t.row("pulled up to", status.lastPulledSeq() + (status.serverLatestSeq() == null ? "" : " of " + status.serverLatestSeq()));
        if (status.deadCount() > 0) {
            t.row("set aside", status.deadCount() + " pulled mutations could not be applied (see 'engram sync dead')");
        }
        if (status.outboundDeadCount() > 0) {
            t.row("refused", status.outboundDeadCount() + " local writes were refused by the server (see 'engram sync dead')");
        }
        if (status.leaseOwner() != null) {
            t.row("syncing process", status.leaseOwner() + (status.leaseUntil() == null ? "" : " until " + Format.date(status.leaseUntil())));
        }
        t.row("projects", status.enrolledProjects().isEmpty() ? "none enrolled" : String.join(", ", status.enrolledProjects()));
        t.print(out);
        return Cli.OK;
    }
}
