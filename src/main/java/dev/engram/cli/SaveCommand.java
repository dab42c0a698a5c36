package dev.engram.cli;

import dev.engram.base.InvalidInputException;
import dev.engram.view.Views;
import dev.engram.memory.NewObservation;
import dev.engram.memory.SaveResult;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.project.ProjectResolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "save", description = "Save an observation; prints its id (--json: the whole observation).")
final class SaveCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "TITLE", description = "Short title.")
    String title;

    @Parameters(index = "1", paramLabel = "CONTENT", description = "The observation; <private>...</private> spans are redacted.")
    String content;

    @Option(names = "--type", paramLabel = "T", description = "decision, bugfix, pattern, ... (default manual).")
    String type;

    @Option(names = "--project", paramLabel = "P", description = "Project (default: resolved; see 'engram project').")
    String project;

    @Option(names = "--scope", paramLabel = "S", description = "project (default) or personal.")
    String scope;

    @Option(names = "--topic", paramLabel = "KEY", description = "Topic key: saving again with the same key revises that observation.")
    String topic;

    @Option(names = "--session", paramLabel = "ID", description = "Session id (default manual-<project>).")
    String session;

    @Option(names = "--json", description = "Print the whole observation as JSON.")
    boolean json;

    /** The store's field names of the values this command takes as options. */
    private static final Map<String, String> OPTIONS = Map.of("session_id", "--session", "topic_key", "--topic", "type", "--type",
            "project", "--project", "scope", "--scope");

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        SaveResult result;
        try {
            result = store.save(new NewObservation(session, type, title, content, null, ProjectResolver.fromEnvironment().resolve(project, Path.of("")).project(), scope, topic));
        } catch (InvalidInputException e) {
            throw asOption(e);
        }
        if (json) {
            out.println(CliJson.print(Views.saved(result)));
            return Cli.OK;
        }
        out.println(result.observation().id());
        Notices notices = Notices.of(spec.commandLine());
        switch (result) {
            case SaveResult.Revised r -> notices.info("observation revised", "revised observation " + r.observation().id()
                    + " (topic " + r.observation().topicKey() + ", revision " + r.observation().revisionCount() + ")",
                    "id", r.observation().id(), "revision_count", r.observation().revisionCount());
            case SaveResult.Duplicate d -> notices.info("duplicate counted", "same as observation " + d.observation().id()
                    + " saved within 15 minutes; counted it (" + d.observation().duplicateCount() + " times) instead of adding a copy",
                    "id", d.observation().id(), "duplicate_count", d.observation().duplicateCount());
            case SaveResult.Created c -> { }
        }
        return Cli.OK;
    }

    /** The store's refusal told in this command's words: {@code --session is 300 characters long, ...}. */
    private static InvalidInputException asOption(InvalidInputException e) {
        String option = OPTIONS.get(e.field());
        if (option == null || !e.getMessage().startsWith(e.field() + " ")) {
            return e;
        }
        return new InvalidInputException(option, option + e.getMessage().substring(e.field().length()));
    }
}
