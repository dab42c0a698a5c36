package dev.engram.cli;

import dev.engram.sync.SyncProgress;
import dev.engram.sync.SyncStage;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;

/**
 * A progress bar on stderr for long passes (1,000 mutations or more); short passes print nothing, and
 * nothing is drawn when stderr carries log events ({@code --log-format json} or {@code logfmt}).
 */
final class ProgressOnStderr implements SyncProgress, AutoCloseable {
    static final long SHOW_FROM = 1_000;
    private final PrintWriter err;
    private final boolean draw;
    private ProgressBar bar;
    private SyncStage stage;

    /** {@code draw} false: a progress that shows nothing. */
    ProgressOnStderr(PrintWriter err, boolean draw) {
        this.err = err;
        this.draw = draw;
    }

    @Override
    public void update(SyncStage stage, long done, long total) {
        if (!draw || (total < SHOW_FROM && bar == null)) {
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
