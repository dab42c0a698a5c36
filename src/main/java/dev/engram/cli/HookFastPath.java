package dev.engram.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code engram hook EVENT} exactly as agents run it, without picocli: an agent runs it at every session start,
 * and building the picocli model of the root and of {@code hook}, then parsing three words, took about 7 ms of
 * its 70 (picocli registers and looks up some twenty converters by reflection for every command). Only the
 * plain command line is taken here: {@code [--data-dir DIR | --data-dir=DIR] hook session-start|pre-compact|session-end},
 * with no {@code ENGRAM_LOG_*} variable set. Anything else (another option, {@code --help}, an unknown event,
 * an {@code @file}) goes to picocli, which also writes every error. What runs is {@link HookCommand} itself,
 * after the same start-up steps as {@link Cli}'s; {@code HookFastPathTest} holds both paths to the same output,
 * exit code and database.
 */
final class HookFastPath {
    private static final Set<String> LOG_VARIABLES = Set.of("ENGRAM_LOG_LEVEL", "ENGRAM_LOG_FORMAT", "ENGRAM_LOG_CONFIG");

    private HookFastPath() {
    }

    /** A plain hook command line: its event and the data directory it names (null: the default). */
    record Plain(String event, Path dataDir) {
    }

    /** {@code args} as a plain hook command line in this environment, or null when picocli must read them. */
    static Plain parse(String[] args, Map<String, String> env) {
        if (System.getProperty("picocli.trace") != null || LOG_VARIABLES.stream().anyMatch(v -> !blank(env.get(v)))) {
            return null;
        }
        String dir;
        int next;
        if (args.length == 2) {
            dir = env.get("ENGRAM_DATA_DIR");
            next = 0;
        } else if (args.length == 3 && args[0].startsWith("--data-dir=")) {
            dir = args[0].substring("--data-dir=".length());
            next = 1;
        } else if (args.length == 4 && args[0].equals("--data-dir") && !args[1].startsWith("-") && !args[1].startsWith("@")) {
            dir = args[1];
            next = 2;
        } else {
            return null;
        }
        if (!"hook".equals(args[next]) || !isEventArgument(args[next + 1])) {
            return null;
        }
        try {
            return new Plain(args[next + 1], blank(dir) ? null : Path.of(dir));
        } catch (InvalidPathException e) {
            return null; // picocli says what is wrong with it
        }
    }

    /** Runs the hook as {@link Cli} would run it for the same command line; returns the exit code. */
    static int run(Plain plain, HookCommand hook, PrintWriter out, PrintWriter err) {
        Warmup.start();
        Warmup.await();
        EngramCommand root = new EngramCommand();
        root.dataDir = plain.dataDir();
        Cli.configureLogging(root, false); // no log option or variable: text at WARN, the command's notices at INFO
        hook.event = plain.event();
        Notices notices = new Notices(err, false);
        try {
            return hook.run(out, notices, root.dataDir());
        } catch (RuntimeException e) {
            return Cli.handle(e, notices, false);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** An event exactly as written in {@link HookEvent} (other spellings {@code HookEvent.parse} accepts go to picocli). */
    private static boolean isEventArgument(String s) {
        for (HookEvent e : HookEvent.values()) {
            if (e.argument.equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
