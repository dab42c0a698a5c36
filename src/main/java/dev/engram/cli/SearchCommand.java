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
import picocli.CommandLine.Model.CommandSpec;

/** {@code engram search}: its picocli model is written in code (agents run it at every start; see {@link Programmatic}). */
final class SearchCommand extends StoreCommand implements Cli.Modelled {
    List<String> query;
    String type;
    String project;
    String scope;
    Integer limit;
    String mode;
    boolean json;

    /** The picocli model of {@code search}, bound to this object. */
    @Override
    public CommandSpec model() {
        CommandSpec s = Programmatic.command("search", this, "Search by words (default here), meaning (--mode semantic) or both "
                + "(--mode hybrid), best matches first. Any text is a valid query.");
        s.addPositional(Programmatic.positionals("1..*", "QUERY", "Words to look for.", () -> query, v -> query = v));
        s.addOption(Programmatic.option("--type", "T", null, String.class, () -> type, v -> type = v));
        s.addOption(Programmatic.option("--project", "P", "Only this project (default: all).", String.class, () -> project, v -> project = v));
        s.addOption(Programmatic.option("--scope", "S", "project or personal.", String.class, () -> scope, v -> scope = v));
        s.addOption(Programmatic.option("--limit", "N", "At most N results (default 10, at most 100).", Integer.class,
                () -> limit, v -> limit = v));
        s.addOption(Programmatic.option("--mode", "MODE", "keyword (default here: no model to load), semantic or hybrid (load the "
                + "model, about a second, and use the vectors 'engram index', serve or mcp stored).", String.class, () -> mode, v -> mode = v));
        s.addOption(Programmatic.flag("--json", null, () -> json, v -> json = v));
        spec = s;
        return s;
    }

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
