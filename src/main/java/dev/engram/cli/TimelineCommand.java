package dev.engram.cli;

import dev.engram.view.Views;
import dev.engram.memory.Observation;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.memory.Timeline;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "timeline", description = "Observations of the same session around one, in time order.")
final class TimelineCommand extends StoreCommand {
    @Parameters(paramLabel = "ID")
    long id;

    @Option(names = "--before", paramLabel = "N", description = "How many before (default 5).")
    Integer before;

    @Option(names = "--after", paramLabel = "N", description = "How many after (default 5).")
    Integer after;

    @Option(names = "--json")
    boolean json;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        Timeline t = store.timeline(id, before, after);
        if (json) {
            out.println(CliJson.print(Views.timeline(t)));
            return Cli.OK;
        }
        Table table = new Table();
        t.before().forEach(o -> row(table, o, " "));
        row(table, t.focus(), ">");
        t.after().forEach(o -> row(table, o, " "));
        table.print(out);
        return Cli.OK;
    }

    private static void row(Table table, Observation o, String mark) {
        table.row(mark + " #" + o.id(), Format.date(o.createdAt()), o.type(), Table.cut(o.title(), 70));
    }
}
