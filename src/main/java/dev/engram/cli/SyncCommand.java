package dev.engram.cli;

import dev.engram.autosync.CycleReport;
import dev.engram.memory.Projects;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.SyncRequest;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram sync}: one pass now, same engine and log events as autosync. */
@Command(name = "sync", description = "Push local changes and pull remote ones now (one pass). 'engram sync status' shows the sync state.")
final class SyncCommand extends StoreCommand {
    private final Replication replication;

    @Option(names = "--project", paramLabel = "P", description = "Push only this enrolled project (the pull always covers every granted project).")
    String project;

    @ArgGroup(exclusive = true)
    Direction direction;

    static final class Direction {
        @Option(names = "--push-only", description = "Only push local changes.")
        boolean pushOnly;

        @Option(names = "--pull-only", description = "Only pull remote changes.")
        boolean pullOnly;
    }

    SyncCommand(Replication replication) {
        this.replication = replication;
    }

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        SyncRequest.Direction d = direction == null ? SyncRequest.Direction.BOTH
                : direction.pushOnly ? SyncRequest.Direction.PUSH_ONLY : SyncRequest.Direction.PULL_ONLY;
        String p = project == null ? null : Projects.normalize("--project", project);
        CycleReport report;
        Notices notices = Notices.of(spec.commandLine());
        try (ProgressOnStderr progress = new ProgressOnStderr(spec.commandLine().getErr(), !notices.events())) {
            report = replication.syncOnce(root().dataDir(), store, new SyncRequest(d, p), progress);
        }
        if (report.leaseHeldByAnother()) {
            String owner = replication.status(root().dataDir(), store).leaseOwner();
            notices.error("lease held by another process", "another Engram process on this machine is syncing this database ("
                    + owner + "); its autosync pushes and pulls for you. See 'engram sync status'.", "lease_owner", owner, "exit_code", Cli.FAILED);
            return Cli.FAILED;
        }
        if (!report.ok()) {
            notices.error("sync failed", "sync failed (" + report.reasonCode() + "): " + report.reasonMessage()
                    + (report.error() == null ? "" : System.lineSeparator() + "engram: " + report.error()),
                    "reason_code", report.reasonCode(), "reason_message", report.reasonMessage(), "error", report.error(), "exit_code", Cli.FAILED);
            return Cli.FAILED;
        }
        out.println("Pushed " + report.pushed() + ", pulled and applied " + report.applied()
                + (report.setAside() > 0 ? ", set aside " + report.setAside() + " (see 'engram sync status')" : ""));
        return Cli.OK;
    }
}
