package dev.engram.cli;

import dev.engram.memory.Sql;
import dev.engram.memory.SqliteMemoryStore;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code engram cloud projects}: the enrolled projects and their unsent changes. */
@Command(name = "projects", description = "List the projects this machine replicates, with their unsent changes.")
final class ProjectsCommand extends StoreCommand {
    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        List<String[]> rows = store.read(c -> Sql.list(c, "SELECT e.project, (SELECT count(*) FROM journal j WHERE j.project = e.project) "
                + "FROM enrolled_projects e ORDER BY e.project", rs -> new String[] {rs.getString(1), rs.getString(2)}));
        if (rows.isEmpty()) {
            spec.commandLine().getErr().println("engram: no project is enrolled; run 'engram cloud enroll PROJECT'");
            return Cli.OK;
        }
        Table t = new Table().row("PROJECT", "PENDING");
        rows.forEach(r -> t.row(r[0], r[1]));
        t.print(out);
        return Cli.OK;
    }
}
