package dev.engram.cli;

import dev.engram.view.Views;
import dev.engram.base.Timestamps;
import dev.engram.memory.Observation;
import dev.engram.memory.SqliteMemoryStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Show one observation.")
final class GetCommand extends StoreCommand {
    @Parameters(paramLabel = "ID", description = "The observation's id.")
    long id;

    @Option(names = "--json")
    boolean json;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        Observation o = store.get(id);
        if (json) {
            out.println(CliJson.print(Views.observation(o)));
            return Cli.OK;
        }
        print(o, out);
        return Cli.OK;
    }

    static void print(Observation o, PrintWriter out) {
        Table t = new Table()
                .row("id", o.id() + "  (" + o.syncId() + ")")
                .row("title", o.title())
                .row("type", o.type())
                .row("project", o.project() + "  (" + o.scope().wire() + ")")
                .row("session", o.sessionId());
        if (o.topicKey() != null) {
            t.row("topic", o.topicKey());
        }
        t.row("revision", String.valueOf(o.revisionCount()));
        if (o.duplicateCount() > 1) {
            t.row("saved", o.duplicateCount() + " times");
        }
        t.row("created", Timestamps.format(o.createdAt()));
        t.row("updated", Timestamps.format(o.updatedAt()));
        if (o.deleted()) {
            t.row("deleted", Timestamps.format(o.deletedAt()));
        }
        t.print(out);
        out.println();
        out.println(o.content());
    }
}
