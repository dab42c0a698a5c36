package dev.engram.cli;

import dev.engram.logging.ComponentLogger;
import java.io.PrintWriter;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import picocli.CommandLine;

/**
 * What a command tells its user on stderr besides its result: a notice, a warning, the reason it
 * failed. In text format it is a line {@code engram: <sentence>}, as people read it. With
 * {@code --log-format json} or {@code logfmt}, stderr carries log events only, so the same notice is
 * an event of component {@code cli} with a stable {@code msg} and its facts as fields (the sentence
 * is not repeated); the level decides whether it is shown, like any other event.
 */
final class Notices {
    private static final ComponentLogger log = ComponentLogger.of("cli");

    private final PrintWriter err;
    private final boolean events;

    Notices(PrintWriter err, boolean events) {
        this.err = err;
        this.events = events;
    }

    /** The notices of the command that {@code commandLine} runs, in the format its global options ask for. */
    static Notices of(CommandLine commandLine) {
        Object root = commandLine.getCommandSpec().root().userObject();
        return new Notices(commandLine.getErr(), root instanceof EngramCommand r && r.eventsOnStderr());
    }

    /** True when notices are log events (json or logfmt); a progress bar must not be drawn then. */
    boolean events() {
        return events;
    }

    void info(String msg, String sentence, Object... fields) {
        say(Level.INFO, msg, sentence, null, fields);
    }

    void warn(String msg, String sentence, Object... fields) {
        say(Level.WARN, msg, sentence, null, fields);
    }

    void error(String msg, String sentence, Object... fields) {
        say(Level.ERROR, msg, sentence, null, fields);
    }

    /** An error with its stack trace ({@code cause} may be null): after the line in text, as {@code exception} in an event. */
    void failure(String msg, String sentence, Throwable cause, Object... fields) {
        say(Level.ERROR, msg, sentence, cause, fields);
    }

    /** A command group run without a subcommand: its usage in text, one event naming the subcommands otherwise. */
    void usage(CommandLine group) {
        if (!events) {
            group.usage(err);
            return;
        }
        String name = group.getCommandSpec().qualifiedName();
        warn("subcommand required", "", "command", name,
                "subcommands", String.join(",", group.getSubcommands().keySet()), "help", name + " --help");
    }

    private void say(Level level, String msg, String sentence, Throwable cause, Object[] fields) {
        if (!events) {
            err.println("engram: " + sentence);
            if (cause != null) {
                cause.printStackTrace(err);
            }
            return;
        }
        err.flush(); // anything already written to the writer comes first
        LoggingEventBuilder event = switch (level) {
            case ERROR -> log.atError();
            case WARN -> log.atWarn();
            case INFO -> log.atInfo();
            case DEBUG, TRACE -> log.atDebug();
        };
        event.setMessage(msg);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            event.addKeyValue(String.valueOf(fields[i]), fields[i + 1]);
        }
        if (cause != null) {
            event.setCause(cause);
        }
        event.log();
    }
}
