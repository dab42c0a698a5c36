package dev.engram.cli;

import dev.engram.view.Views;
import dev.engram.memory.Context;
import dev.engram.memory.ContextBudget;
import dev.engram.memory.Observation;
import dev.engram.memory.Prompt;
import dev.engram.memory.Session;
import dev.engram.memory.SqliteMemoryStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "context", description = "Recent sessions, observations and prompts of a project (all projects when omitted).")
final class ContextCommand extends StoreCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT")
    String project;

    @Option(names = "--limit", paramLabel = "N", description = "At most N observations (default 20).")
    Integer limit;

    @Option(names = "--max-bytes", paramLabel = "N",
            description = "Print only the most useful memories, one compact line each, in at most N bytes (UTF-8).")
    Long maxBytes;

    @Option(names = "--json")
    boolean json;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        if (maxBytes != null) {
            ContextBudget.Fitted fitted = store.contextWithin(project, ContextBudget.checkedMaxBytes("--max-bytes", maxBytes));
            if (json) {
                out.println(CliJson.print(Views.contextWithin(fitted)));
            } else {
                out.print(fitted.text());
                out.flush();
            }
            return Cli.OK;
        }
        Context c = store.context(project, limit);
        if (json) {
            out.println(CliJson.print(Views.context(c)));
            return Cli.OK;
        }
        out.println("Sessions" + (c.project() == null ? "" : " of " + c.project()));
        Table sessions = new Table();
        for (Session s : c.sessions()) {
            sessions.row("  " + s.id(), s.project(), Format.date(s.startedAt()), s.endedAt() == null ? "open" : "ended",
                    Table.cut(s.summary(), 60));
        }
        printOrNone(sessions, out);
        out.println("Observations");
        Table observations = new Table();
        for (Observation o : c.observations()) {
            observations.row("  #" + o.id(), o.type(), o.project(), Format.date(o.updatedAt()), Table.cut(o.title(), 60));
        }
        printOrNone(observations, out);
        out.println("Prompts");
        Table prompts = new Table();
        for (Prompt p : c.prompts()) {
            prompts.row("  " + Format.date(p.createdAt()), p.project(), Table.cut(p.content(), 80));
        }
        printOrNone(prompts, out);
        return Cli.OK;
    }

    private static void printOrNone(Table table, PrintWriter out) {
        if (table.isEmpty()) {
            out.println("  (none)");
        } else {
            table.print(out);
        }
    }
}
