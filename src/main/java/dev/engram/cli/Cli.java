package dev.engram.cli;

import dev.engram.base.EngramException;
import dev.engram.base.InvalidInputException;
import dev.engram.logging.LogLevel;
import dev.engram.logging.LogSetup;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
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

    /**
     * Runs one command line of {@code engram} on this process's streams and returns its exit code: a plain
     * {@code engram hook EVENT} (what agents run at every session start) without picocli ({@link HookFastPath}),
     * anything else through {@link #commandLine(CommandRegistry, String...)}.
     */
    public static int run(CommandRegistry registry, String... args) {
        Map<String, String> env = System.getenv();
        HookFastPath.Plain hook = HookFastPath.parse(args, env);
        if (hook != null) {
            return HookFastPath.run(hook, new HookCommand(() -> System.in, env),
                    standardWriter(System.out, "sun.stdout.encoding"), standardWriter(System.err, "sun.stderr.encoding"));
        }
        return commandLine(registry, args).execute(args);
    }

    /** A writer on a standard stream as picocli makes its own: buffered, flushed at each line, in the stream's encoding. */
    private static PrintWriter standardWriter(OutputStream stream, String encodingProperty) {
        String name = System.getProperty(encodingProperty);
        Charset charset;
        try {
            charset = name == null ? Charset.defaultCharset() : Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
        } catch (IllegalArgumentException e) {
            charset = Charset.defaultCharset();
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
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
            Warmup.start(); // a command: it opens the store or logs (help and version do neither)
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
        CommandLine cl = new CommandLine(root.model(), Programmatic.FACTORY);
        for (Object sub : subcommands) {
            cl.addSubcommand(sub instanceof Modelled m ? m.model() : sub);
        }
        addHelpOptions(cl);
        CommandLine search = cl.getSubcommands().get("search");
        if (search != null) {
            // Any text is a query: "-x:*" is searched for, not rejected as an unknown option.
            search.setUnmatchedOptionsArePositionalParams(true);
        }
        cl.setExecutionStrategy(parse -> {
            Warmup.await(); // from here on, the main thread may log and open the store
            try {
                configureLogging(root, parse);
            } catch (InvalidInputException e) {
                CommandLine failed = parse.commandSpec().commandLine();
                logEventsDespiteFailure(root);
                Notices.of(failed).error("usage error", e.getMessage(), "error", e.getMessage(), "field", e.field(), "exit_code", USAGE);
                return USAGE;
            }
            return new CommandLine.RunLast().execute(parse);
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parse) -> handle(ex, commandLine, root));
        cl.setParameterExceptionHandler((ex, args) -> {
            Warmup.await();
            CommandLine failed = ex.getCommandLine();
            String help = failed.getCommandSpec().qualifiedName() + " --help";
            adoptLogFormat(root, args);
            logEventsDespiteFailure(root);
            Notices notices = Notices.of(failed);
            if (notices.events()) {
                notices.error("usage error", ex.getMessage(), "error", ex.getMessage(),
                        "suggestions", String.join(",", ex instanceof CommandLine.UnmatchedArgumentException u ? u.getSuggestions() : List.of()),
                        "help", help, "exit_code", USAGE);
                return USAGE;
            }
            PrintWriter err = failed.getErr();
            err.println("engram: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + help + "' for more information.");
            return USAGE;
        });
        return cl;
    }

    /** A command whose picocli model is written in code (see {@link Programmatic}): the tree takes its model. */
    interface Modelled {
        CommandSpec model();
    }

    /** {@code -h, --help} on every command that has no help option of its own. */
    private static void addHelpOptions(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            spec.addOption(Programmatic.helpOption());
        }
        cl.getSubcommands().values().forEach(Cli::addHelpOptions);
    }

    /**
     * A command line that failed to parse may not have set {@code --log-format} yet (picocli stops at
     * the first bad argument and applies defaults last): take it from the raw arguments, else from
     * {@code ENGRAM_LOG_FORMAT}, so that the usage error is an event when events were asked for.
     */
    private static void adoptLogFormat(EngramCommand root, String[] args) {
        if (root.logFormat != null && !root.logFormat.isBlank()) {
            return;
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--log-format") && i + 1 < args.length) {
                root.logFormat = args[i + 1];
                return;
            }
            if (args[i].startsWith("--log-format=")) {
                root.logFormat = args[i].substring("--log-format=".length());
                return;
            }
        }
        root.logFormat = System.getenv("ENGRAM_LOG_FORMAT");
    }

    /**
     * Logging was not configured because the command line is wrong: when events were asked for,
     * configure the asked format (at the asked level if it is valid, else the default), so the usage
     * error itself is an event.
     */
    private static void logEventsDespiteFailure(EngramCommand root) {
        if (!root.eventsOnStderr()) {
            return;
        }
        LogLevel level = LogLevel.WARN;
        try {
            level = root.logLevel(LogLevel.WARN);
        } catch (InvalidInputException e) {
            // the bad level is what is being reported
        }
        LogSetup.configure(root.logFormat(), level);
    }

    private static void configureLogging(EngramCommand root, ParseResult parse) {
        ParseResult leaf = parse;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        configureLogging(root, leaf.commandSpec().userObject() instanceof LongRunning);
    }

    /** Logging as the global options of {@code root} ask, for a long-running command or a one-shot one. */
    static void configureLogging(EngramCommand root, boolean longRunning) {
        if (root.logConfig() != null) {
            LogSetup.configure(root.logConfig());
            return;
        }
        LogSetup.configure(root.logFormat(), root.logLevel(longRunning ? LogLevel.INFO : LogLevel.WARN));
        if (!root.logLevelGiven()) {
            // A one-shot command logs at WARN by default, but its own notices (events in json and
            // logfmt format) are shown as the text format shows them.
            LogSetup.componentLevel("cli", LogLevel.INFO);
        }
    }

    private static int handle(Exception ex, CommandLine commandLine, EngramCommand root) {
        return handle(ex, Notices.of(commandLine), root.debug());
    }

    /** A command's failure as a message and an exit code; the stack trace only when {@code debug}. */
    static int handle(Exception ex, Notices notices, boolean debug) {
        if (ex instanceof InvalidInputException e) {
            notices.error("usage error", e.getMessage(), "error", e.getMessage(), "field", e.field(), "exit_code", USAGE);
            return USAGE;
        }
        if (ex instanceof EngramException) {
            notices.failure("command failed", ex.getMessage(), debug ? ex : null, "error", ex.getMessage(), "exit_code", FAILED);
            return FAILED;
        }
        notices.failure("internal error", "internal error: " + ex + (debug ? "" : " (run with --log-level debug for details)"),
                debug ? ex : null, "error", ex.toString(), "exit_code", FAILED);
        return FAILED;
    }
}
