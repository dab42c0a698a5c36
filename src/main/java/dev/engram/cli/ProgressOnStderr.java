package dev.engram.cli;

import dev.engram.sync.SyncProgress;
import dev.engram.sync.SyncStage;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;

/** A progress bar on stderr for long passes (1,000 mutations or more); short passes print nothing. */
final class ProgressOnStderr implements SyncProgress, AutoCloseable {
    static final long SHOW_FROM = 1_000;
    private final PrintWriter err;
    private ProgressBar bar;
    private SyncStage stage;

    ProgressOnStderr(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void update(SyncStage stage, long done, long total) {
        if (total < SHOW_FROM && bar == null) {
            return;
        }
        if (bar == null || this.stage != stage) {
            close();
            this.stage = stage;
            err.flush();
            bar = new ProgressBarBuilder().setTaskName(stage.name().toLowerCase(java.util.Locale.ROOT)).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUpdateIntervalMillis(200).build();
        }
        bar.maxHint(Math.max(total, done));
        bar.stepTo(done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
