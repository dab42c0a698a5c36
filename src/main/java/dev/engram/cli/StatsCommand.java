package dev.engram.cli;

import dev.engram.view.Views;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.memory.Stats;
import dev.engram.semantic.IndexCoverage;
import dev.engram.semantic.SemanticIndex;
import dev.engram.semantic.ShippedModel;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stats", description = "Counts per project and type, and the database size.")
final class StatsCommand extends StoreCommand {
    @Option(names = "--json")
    boolean json;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        Stats s = store.stats();
        IndexCoverage index = SemanticIndex.stored(store, ShippedModel.SPEC);
        if (json) {
            out.println(CliJson.print(Views.stats(s, null, index)));
            return Cli.OK;
        }
        new Table()
                .row("database", s.databasePath() + "  (" + Format.bytes(s.databaseBytes()) + ")")
                .row("sessions", String.valueOf(s.sessions()))
                .row("observations", s.observations() + (s.deletedObservations() > 0 ? "  (+" + s.deletedObservations() + " deleted)" : ""))
                .row("prompts", String.valueOf(s.prompts()))
                .row("index", index.indexed() + " of " + index.total() + " observations ("
                        + Math.round(index.fraction() * 1000) / 10.0 + "%) semantic" + (index.fraction() < 1 ? "; run 'engram index' or serve/mcp" : ""))
                .print(out);
        if (!s.byProjectAndType().isEmpty()) {
            out.println();
            Table t = new Table().row("PROJECT", "TYPE", "COUNT");
            s.byProjectAndType().forEach(c -> t.row(c.project(), c.type(), String.valueOf(c.count())));
            t.print(out);
        }
        return Cli.OK;
    }
}
