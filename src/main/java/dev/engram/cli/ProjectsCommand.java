package dev.engram.cli;

import dev.engram.memory.SqliteMemoryStore;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code engram cloud projects}: the enrolled projects and their unsent changes. */
@Command(name = "projects", description = "List the projects this machine replicates, with their unsent changes.")
final class ProjectsCommand extends StoreCommand {
    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        Map<String, Long> rows = store.pendingByProject();
        if (rows.isEmpty()) {
            Notices.of(spec.commandLine()).info("no project enrolled", "no project is enrolled; run 'engram cloud enroll PROJECT'",
                    "help", "engram cloud enroll PROJECT");
            return Cli.OK;
        }
        Table t = new Table().row("PROJECT", "PENDING");
        rows.forEach((project, pending) -> t.row(project, String.valueOf(pending)));
        t.print(out);
        return Cli.OK;
    }
}
