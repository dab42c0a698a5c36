package dev.engram.cli;

import dev.engram.memory.ProjectCount;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.view.Views;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram projects}: every project with memories here and its counts ({@code engram cloud projects}
 * lists the projects this machine replicates). Subcommand {@code merge}.
 */
@Command(name = "projects", mixinStandardHelpOptions = true, description = "List the projects that have memories here, with their counts.",
        subcommands = ProjectsMergeCommand.class)
final class LocalProjectsCommand extends StoreCommand {
    @Option(names = "--json")
    boolean json;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        List<ProjectCount> counts = store.projectCounts();
        if (json) {
            out.println(CliJson.print(Views.projects(counts)));
            return Cli.OK;
        }
        if (counts.isEmpty()) {
            Notices.of(spec.commandLine()).info("no projects", "no memories yet");
            return Cli.OK;
        }
        Table t = new Table().row("PROJECT", "OBSERVATIONS", "SESSIONS", "PROMPTS", "LAST ACTIVITY");
        for (ProjectCount c : counts) {
            t.row(c.project(), String.valueOf(c.observations()), String.valueOf(c.sessions()), String.valueOf(c.prompts()),
                    Format.date(c.lastActivity()));
        }
        t.print(out);
        return Cli.OK;
    }
}
