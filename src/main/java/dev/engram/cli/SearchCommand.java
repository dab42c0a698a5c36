package dev.engram.cli;

import dev.engram.view.Views;
import dev.engram.memory.Observation;
import dev.engram.memory.SearchHit;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.semantic.Recall;
import dev.engram.semantic.SearchAnswer;
import dev.engram.semantic.SearchMode;
import dev.engram.semantic.SemanticIndex;
import dev.engram.semantic.ShippedModel;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", description = "Search by words (default here), meaning (--mode semantic) or both (--mode hybrid), "
        + "best matches first. Any text is a valid query.")
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

    @Option(names = "--mode", paramLabel = "MODE",
            description = "keyword (default here: no model to load), semantic or hybrid (load the model, about a second, "
                    + "and use the vectors 'engram index', serve or mcp stored).")
    String mode;

    @Option(names = "--json")
    boolean json;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        SearchMode requested = SearchMode.parse("--mode", mode);
        SearchQuery q = new SearchQuery(String.join(" ", query), type, project, scope, limit);
        SearchAnswer answer;
        if (requested == null || requested == SearchMode.KEYWORD) {
            // A one-shot search stays fast: the model is loaded only when a mode that needs it is asked for.
            answer = Recall.keywordOnly(store).search(q, requested);
        } else {
            SemanticIndex index = ShippedModel.index(store, Runtime.getRuntime().availableProcessors());
            index.loadModel();
            index.scanAll();
            answer = new Recall(store, index).search(q, requested);
        }
        List<SearchHit> hits = answer.hits();
        if (json) {
            out.println(CliJson.print(Views.results(answer)));
            return Cli.OK;
        }
        if (answer.note() != null) {
            spec.commandLine().getErr().println("engram: " + answer.note());
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
