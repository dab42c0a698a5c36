package dev.engram.cli;

import dev.engram.base.EngramException;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.semantic.IndexCoverage;
import dev.engram.semantic.SemanticIndex;
import dev.engram.semantic.ShippedModel;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram index [--rebuild]}: brings the semantic index up to date now, with a progress bar and ETA on stderr. */
@Command(name = "index", description = "Compute the semantic index's missing or stale vectors now (serve and mcp also do it "
        + "in the background). Progress and ETA on stderr.")
final class IndexCommand extends StoreCommand {
    static final int BATCH = 64;

    @Option(names = "--rebuild", description = "Drop every stored vector and compute them all again.")
    boolean rebuild;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        SemanticIndex index = ShippedModel.index(store, Runtime.getRuntime().availableProcessors());
        if (rebuild) {
            index.rebuild();
        }
        index.loadModel();
        if (!index.modelLoaded()) {
            throw new EngramException("the embedding model " + ShippedModel.SPEC.id() + " could not be loaded (see the log above)");
        }
        index.scanAll();
        IndexCoverage before = index.coverage();
        long todo = Math.max(0, before.total() - before.indexed());
        long start = System.nanoTime();
        long embedded = 0;
        PrintWriter err = spec.commandLine().getErr();
        err.flush();
        try (ProgressBar bar = todo == 0 ? null : new ProgressBarBuilder().setTaskName("indexing").setInitialMax(todo)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250).setUnit(" obs", 1).showSpeed().build()) {
            int n;
            while ((n = index.indexQueued(BATCH)) > 0) {
                embedded += n;
                if (bar != null) {
                    bar.maxHint(Math.max(todo, embedded));
                    bar.stepTo(embedded);
                }
            }
        }
        IndexCoverage after = index.coverage();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println("indexed " + embedded + " observation" + (embedded == 1 ? "" : "s") + " in " + String.format(java.util.Locale.ROOT, "%.1f", seconds)
                + "s" + (embedded > 0 ? String.format(java.util.Locale.ROOT, " (%.0f/s)", embedded / Math.max(seconds, 1e-3)) : "")
                + "; the semantic index covers " + after.indexed() + " of " + after.total() + " observations (model " + after.model() + ")");
        return Cli.OK;
    }
}
