package dev.engram.cli;

import dev.engram.view.Views;
import dev.engram.memory.Observation;
import dev.engram.memory.SearchHit;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.SqliteMemoryStore;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", description = "Full-text search, best matches first. Any text is a valid query.")
final class SearchCommand extends StoreCommand {
    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "Words to look for.")
    List<String> query;

    @Option(names = "--type", paramLabel = "T")
    String type;

    @Option(names = "--project", paramLabel = "P", description = "Only this project (default: all).")
    String project;

    @Option(names = "--scope", paramLabel = "S", description = "project or personal.")
    String scope;

    @Option(names = "--limit", paramLabel = "N", description = "At most N results (default 10, at most 100).")
    Integer limit;

    @Option(names = "--json")
    boolean json;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        List<SearchHit> hits = store.search(new SearchQuery(String.join(" ", query), type, project, scope, limit));
        if (json) {
            out.println(CliJson.print(Views.results(hits)));
            return Cli.OK;
        }
        if (hits.isEmpty()) {
            // The event carries no query text: logs never hold what people search for or save.
            Notices.of(spec.commandLine()).info("no match", "no observations match '" + String.join(" ", query) + "'");
            return Cli.OK;
        }
        for (SearchHit hit : hits) {
            Observation o = hit.observation();
            Table table = new Table().row("#" + o.id(), o.type(), o.project(), Format.date(o.updatedAt()), Table.cut(o.title(), 70));
            table.print(out);
            out.println("    " + Table.cut(hit.snippet(), 110));
        }
        return Cli.OK;
    }
}
