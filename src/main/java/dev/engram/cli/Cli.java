package dev.engram.cli;

import dev.engram.base.EngramException;
import dev.engram.base.InvalidInputException;
import dev.engram.logging.LogLevel;
import dev.engram.logging.LogSetup;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
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

    /** Global options of {@link EngramCommand} that take a value (the next argument, or after '='). */
    private static final Set<String> GLOBAL_OPTIONS_WITH_VALUE = Set.of("--data-dir", "--log-level", "--log-format", "--log-config");

    /**
     * The command tree for one command line: when {@code args} names a registered command, only that
     * command is built (picocli reflects over every option of every command it is given, which costs
     * more than a one-shot command itself); otherwise (no command, {@code --help}, {@code --version},
     * an unknown word, an {@code @file}) the full tree, so help, suggestions and errors are unchanged.
     */
    public static CommandLine commandLine(CommandRegistry registry, String... args) {
        String word = commandWord(args);
        if (word != null && registry.contains(word)) {
            return commandLine(List.of(registry.create(word)));
        }
        if (versionOnly(args)) {
            return commandLine(List.of()); // the version text names no command
        }
        return commandLine(registry);
    }

    /** True when {@code args} are global options with their values and {@code -V}/{@code --version} only. */
    static boolean versionOnly(String... args) {
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ("-V".equals(a) || "--version".equals(a)) {
                version = true;
            } else if (GLOBAL_OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (a == null || a.indexOf('=') <= 0 || !GLOBAL_OPTIONS_WITH_VALUE.contains(a.substring(0, a.indexOf('=')))) {
                return false;
            }
        }
        return version;
    }

    /** The full command tree with every registered command. */
    public static CommandLine commandLine(CommandRegistry registry) {
        return commandLine(registry.createAll());
    }

    /**
     * The first argument that names a command, or null when anything other than a global option with
     * its value comes before it (then only the full tree gives picocli's exact behaviour).
     */
    static String commandWord(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a == null) {
                return null;
            }
            if (GLOBAL_OPTIONS_WITH_VALUE.contains(a)) {
                i++;
                continue;
            }
            int eq = a.indexOf('=');
            if (eq > 0 && GLOBAL_OPTIONS_WITH_VALUE.contains(a.substring(0, eq))) {
                continue;
            }
            if (a.startsWith("-") || a.startsWith("@") || a.isEmpty()) {
                return null;
            }
            return a;
        }
        return null;
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
