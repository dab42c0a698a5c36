package dev.engram.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.engram.base.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback for one process: the chosen format on stderr (stdout belongs to command output
 * and to MCP), Engram's loggers at the chosen level, libraries at WARN. A {@code --log-config} file
 * replaces all of it.
 */
public final class LogSetup {
    /** Parent of every {@link ComponentLogger}. */
    public static final String ENGRAM_LOGGER = "engram";

    /**
     * Whether this process ever applied a configuration other than the default (text at WARN). Logging
     * is process-wide state in Logback itself; this flag only lets the default be left to
     * {@link DefaultConfigurator}, which applies it when something first logs, so a one-shot command
     * that logs nothing never starts Logback (about 25 ms of its start-up).
     */
    private static final AtomicBoolean CHANGED = new AtomicBoolean();
    /** Whether Logback has started (a configuration was installed), and the component levels set so far. */
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final Map<String, Level> COMPONENT_LEVELS = new ConcurrentHashMap<>();

    private LogSetup() {
    }

    /**
     * Initialises SLF4J now, on the calling thread (a start-up thread calls it while the command line is read; the
     * SQLite driver asks for its loggers when the store opens). Nothing else may use SLF4J until it returns: a
     * logger asked for during SLF4J's initialisation is a substitute that replays its events later with a warning.
     * With {@link LazyLogbackProvider} this does not start Logback.
     */
    public static void warmUp() {
        LoggerFactory.getILoggerFactory();
    }

    /** Logback's context in this process, started now if it was not. */
    public static LoggerContext logback() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext context ? context : LazyLogbackProvider.context();
    }

    /**
     * Before Logback starts: false when the configuration it would start with drops {@code level} on logger
     * {@code name} (its default shows WARN and above, and lower levels only for the components given them), so
     * that asking does not start it. True means "may": Logback then starts and decides.
     */
    static boolean mayLog(String name, org.slf4j.event.Level level) {
        Level asked = Level.fromLocationAwareLoggerInteger(level.toInt());
        if (asked.isGreaterOrEqual(Level.WARN)) {
            return true;
        }
        for (Map.Entry<String, Level> component : COMPONENT_LEVELS.entrySet()) {
            String logger = component.getKey();
            if ((name.equals(logger) || (name.startsWith(logger) && name.charAt(logger.length()) == '.'))
                    && asked.isGreaterOrEqual(component.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** Applies the built-in configuration: {@code format} on stderr, Engram at {@code level}. */
    public static void configure(LogFormat format, LogLevel level) {
        COMPONENT_LEVELS.clear(); // a configuration starts without component levels (tests run many in one JVM)
        if (format == LogFormat.TEXT && level.logback.equals(Level.WARN) && !CHANGED.get()) {
            return; // exactly what DefaultConfigurator installs when Logback starts
        }
        CHANGED.set(true);
        LoggerContext context = logback();
        context.reset();
        install(context, format, level.logback);
    }

    /**
     * Sets the level of one component's logger ({@code engram.<component>}) after {@link #configure}. Like the
     * default configuration, it does not start Logback: a level set before anything logs is applied when
     * Logback starts.
     */
    public static void componentLevel(String component, LogLevel level) {
        COMPONENT_LEVELS.put(ENGRAM_LOGGER + "." + component, level.logback);
        if (STARTED.get()) { // else install() applies it (both write, then read: one of them sees the other)
            LoggerContext context = logback();
            context.getLogger(ENGRAM_LOGGER + "." + component).setLevel(level.logback);
        }
    }

    /** Replaces the whole configuration with a Logback XML file. */
    public static void configure(Path configFile) {
        if (!Files.isReadable(configFile)) {
            throw new InvalidInputException("--log-config", "--log-config file " + configFile + " cannot be read");
        }
        CHANGED.set(true);
        COMPONENT_LEVELS.clear();
        LoggerContext context = logback();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(configFile.toFile());
        } catch (JoranException e) {
            context.reset();
            install(context, LogFormat.TEXT, Level.WARN);
            throw new InvalidInputException("--log-config", "--log-config file " + configFile + " is not a valid Logback configuration: " + e.getMessage());
        }
    }

    static void install(LoggerContext context, LogFormat format, Level engramLevel) {
        EventEncoder encoder = EventEncoder.of(format);
        encoder.setContext(context);
        encoder.start();

        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        context.getLogger(ENGRAM_LOGGER).setLevel(engramLevel);
        // The embedding model's tokenizer library warns at every load that this machine has no GPU (it needs none).
        context.getLogger("ai.djl").setLevel(Level.ERROR);
        STARTED.set(true);
        COMPONENT_LEVELS.forEach((logger, level) -> context.getLogger(logger).setLevel(level));
    }
}
