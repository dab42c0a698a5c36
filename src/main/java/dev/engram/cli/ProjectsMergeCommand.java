package dev.engram.cli;

import dev.engram.memory.MergeResult;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.view.Views;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code engram projects merge FROM INTO}: moves every memory of FROM into INTO, as journaled writes that replicate. */
@Command(name = "merge", mixinStandardHelpOptions = true, description = {"Move every memory of project FROM into project INTO.",
        "Replicated like any edit: other machines see FROM's observations under INTO after their next sync."})
final class ProjectsMergeCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "FROM")
    String from;

    @Parameters(index = "1", paramLabel = "INTO")
    String into;

    @Option(names = "--json")
    boolean json;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        MergeResult r = store.mergeProject(from, into);
        if (json) {
            out.println(CliJson.print(Views.merged(r)));
            return Cli.OK;
        }
        out.println("merged " + r.from() + " into " + r.into() + ": " + r.observations() + " observations, " + r.sessions()
                + " sessions, " + r.prompts() + " prompts moved" + (r.alreadyPresent() > 0 ? ", " + r.alreadyPresent() + " already there" : "")
                + (r.deletedDropped() > 0 ? ", " + r.deletedDropped() + " deleted observations dropped" : ""));
        if (r.enrolledInto()) {
            Notices.of(spec.commandLine()).info("project enrolled", r.into() + " is now enrolled for replication, as " + r.from() + " was",
                    "project", r.into());
        }
        return Cli.OK;
    }
}
