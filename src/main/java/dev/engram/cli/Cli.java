package dev.engram.cli;

import dev.engram.base.EngramException;
import dev.engram.base.InvalidInputException;
import dev.engram.logging.LogLevel;
import dev.engram.logging.LogSetup;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Builds the picocli command tree and runs one command line: configures logging from the global
 * options, runs the command, and turns every failure into a message and an exit code
 * (2 usage or input, 1 operation failed). A stack trace reaches the user only at {@code --log-level debug}.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Cli() {
    }

    /** The command tree with the given subcommands under {@code engram}. */
    public static CommandLine commandLine(List<Object> subcommands) {
        EngramCommand root = new EngramCommand();
        CommandLine cl = new CommandLine(root);
        for (Object sub : subcommands) {
            cl.addSubcommand(sub);
        }
        CommandLine search = cl.getSubcommands().get("search");
        if (search != null) {
            // Any text is a query: "-x:*" is searched for, not rejected as an unknown option.
            search.setUnmatchedOptionsArePositionalParams(true);
        }
        cl.setExecutionStrategy(parse -> {
            try {
                configureLogging(root, parse);
            } catch (InvalidInputException e) {
                parse.commandSpec().commandLine().getErr().println("engram: " + e.getMessage());
                return USAGE;
            }
            return new CommandLine.RunLast().execute(parse);
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parse) -> handle(ex, commandLine, root));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("engram: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return USAGE;
        });
        return cl;
    }

    private static void configureLogging(EngramCommand root, ParseResult parse) {
        if (root.logConfig() != null) {
            LogSetup.configure(root.logConfig());
            return;
        }
        ParseResult leaf = parse;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        boolean longRunning = leaf.commandSpec().userObject() instanceof LongRunning;
        LogSetup.configure(root.logFormat(), root.logLevel(longRunning ? LogLevel.INFO : LogLevel.WARN));
    }

    private static int handle(Exception ex, CommandLine commandLine, EngramCommand root) {
        PrintWriter err = commandLine.getErr();
        if (ex instanceof InvalidInputException) {
            err.println("engram: " + ex.getMessage());
            return USAGE;
        }
        if (ex instanceof EngramException) {
            err.println("engram: " + ex.getMessage());
            if (root.debug()) {
                ex.printStackTrace(err);
            }
            return FAILED;
        }
        err.println("engram: internal error: " + ex + (root.debug() ? "" : " (run with --log-level debug for details)"));
        if (root.debug()) {
            ex.printStackTrace(err);
        }
        return FAILED;
    }
}
