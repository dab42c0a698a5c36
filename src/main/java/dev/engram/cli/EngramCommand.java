package dev.engram.cli;

import dev.engram.logging.LogFormat;
import dev.engram.logging.LogLevel;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engram [global options] <command>}: holds the global options every command reads. */
@Command(name = "engram",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = "Local-first persistent memory for AI coding agents.",
        footer = {"", "Results go to stdout; logs and progress to stderr.",
                "Exit codes: 0 success, 1 the operation failed, 2 usage or input error."})
public final class EngramCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:ENGRAM_DATA_DIR}",
            description = "Directory holding engram.db and cloud.json (env ENGRAM_DATA_DIR, default ~/.engram).")
    Path dataDir;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:ENGRAM_LOG_LEVEL}",
            description = "debug, info, warn or error (env ENGRAM_LOG_LEVEL; default info for serve, mcp and cloud serve, warn otherwise).")
    String logLevel;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:ENGRAM_LOG_FORMAT}",
            description = "text, json or logfmt (env ENGRAM_LOG_FORMAT, default text).")
    String logFormat;

    @Option(names = "--log-config", paramLabel = "FILE", defaultValue = "${env:ENGRAM_LOG_CONFIG}",
            description = "A Logback XML file that replaces the built-in log configuration (env ENGRAM_LOG_CONFIG).")
    Path logConfig;

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
