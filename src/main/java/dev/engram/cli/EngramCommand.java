package dev.engram.cli;

import dev.engram.logging.LogFormat;
import dev.engram.logging.LogLevel;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code engram [global options] <command>}: holds the global options every command reads. Its picocli model
 * is written in code ({@link #model()}): every start builds it (see {@link Programmatic}).
 */
public final class EngramCommand implements Runnable {
    CommandSpec spec;
    Path dataDir;
    String logLevel;
    String logFormat;
    Path logConfig;

    /** The picocli model of {@code engram} and its global options, bound to this object. */
    CommandSpec model() {
        CommandSpec s = Programmatic.command("engram", this, "Local-first persistent memory for AI coding agents.");
        s.versionProvider(new VersionProvider());
        s.usageMessage().autoWidth(true).footer("", "Results go to stdout; logs and progress to stderr.",
                "Exit codes: 0 success, 1 the operation failed, 2 usage or input error.");
        s.addOption(Programmatic.pathOption("--data-dir", "DIR",
                "Directory holding engram.db and cloud.json (env ENGRAM_DATA_DIR, default ~/.engram).",
                "${env:ENGRAM_DATA_DIR}", () -> dataDir, v -> dataDir = v));
        s.addOption(Programmatic.option("--log-level", "LEVEL",
                "debug, info, warn or error (env ENGRAM_LOG_LEVEL; default info for serve, mcp and cloud serve, warn otherwise).",
                "${env:ENGRAM_LOG_LEVEL}", String.class, () -> logLevel, v -> logLevel = v));
        s.addOption(Programmatic.option("--log-format", "FORMAT", "text, json or logfmt (env ENGRAM_LOG_FORMAT, default text).",
                "${env:ENGRAM_LOG_FORMAT}", String.class, () -> logFormat, v -> logFormat = v));
        s.addOption(Programmatic.pathOption("--log-config", "FILE",
                "A Logback XML file that replaces the built-in log configuration (env ENGRAM_LOG_CONFIG).",
                "${env:ENGRAM_LOG_CONFIG}", () -> logConfig, v -> logConfig = v));
        Programmatic.standardHelpOptions(s);
        spec = s;
        return s;
    }

    @Override
    public void run() {
        Notices.of(spec.commandLine()).usage(spec.commandLine());
    }

    /** The data directory: the option, else {@code ENGRAM_DATA_DIR}, else {@code ~/.engram}. */
    public Path dataDir() {
        if (dataDir != null && !dataDir.toString().isBlank()) {
            return dataDir.toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".engram");
    }

    /** The log level asked for, or {@code fallback} when none was given. */
    public LogLevel logLevel(LogLevel fallback) {
        return blank(logLevel) ? fallback : LogLevel.parse("--log-level", logLevel);
    }

    public LogFormat logFormat() {
        return blank(logFormat) ? LogFormat.TEXT : LogFormat.parse("--log-format", logFormat);
    }

    /**
     * True when stderr carries log events only ({@code --log-format json} or {@code logfmt}): the
     * commands' notices and errors are then events too (see {@link Notices}). An unreadable format is text.
     */
    public boolean eventsOnStderr() {
        return !blank(logFormat) && LogFormat.parseOrNull(logFormat) instanceof LogFormat f && f != LogFormat.TEXT;
    }

    /** True when {@code --log-level} (or its variable) was given. */
    boolean logLevelGiven() {
        return !blank(logLevel);
    }

    /** The Logback file that replaces the built-in configuration, or null. */
    public Path logConfig() {
        return logConfig == null || logConfig.toString().isBlank() ? null : logConfig;
    }

    public boolean debug() {
        return !blank(logLevel) && logLevel.trim().equalsIgnoreCase("debug");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
