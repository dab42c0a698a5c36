package dev.engram.cli;

import dev.engram.base.Durations;
import dev.engram.memory.ContextBudget;
import dev.engram.project.ProjectResolver;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code engram hook session-start|pre-compact|session-end}: run by an agent's hooks with the hook's
 * JSON on stdin (see {@link HookWork}). It never breaks the agent's session: every failure (bad JSON,
 * no database, a locked database, an unknown event) exits 0 with a one-line note on stderr, and work
 * that takes longer than the budget ({@code ENGRAM_HOOK_TIMEOUT}, default 2s) is abandoned: nothing is
 * printed on stdout. Its picocli model is written in code: agents run it at every session start (see
 * {@link Programmatic}).
 */
final class HookCommand implements Callable<Integer>, Cli.Modelled {
    static final String TIMEOUT_ENV = "ENGRAM_HOOK_TIMEOUT";
    static final String MAX_BYTES_ENV = "ENGRAM_HOOK_MAX_BYTES";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final int DEFAULT_MAX_BYTES = 4000;

    private final Supplier<InputStream> stdin;
    private final Map<String, String> env;

    CommandSpec spec;
    String event;
    String maxBytes;
    String format;

    /** The picocli model of {@code hook}, bound to this object. */
    @Override
    public CommandSpec model() {
        CommandSpec s = Programmatic.command("hook", this,
                "For agents' hooks: read the hook's JSON on stdin and print what the agent should see.",
                "session-start prints the project's context within a budget; pre-compact records a marker; session-end ends the session.",
                "Always exits 0 (a note on stderr says what went wrong); gives up after ENGRAM_HOOK_TIMEOUT (default 2s).");
        s.addPositional(Programmatic.positional("0", "0..1", "EVENT", "session-start, pre-compact or session-end.", () -> event, v -> event = v));
        s.addOption(Programmatic.option("--max-bytes", "N",
                "Context budget of session-start in UTF-8 bytes (env ENGRAM_HOOK_MAX_BYTES, default 4000).", String.class,
                () -> maxBytes, v -> maxBytes = v));
        s.addOption(Programmatic.option("--format", "FORMAT",
                "json (default: {\"hookSpecificOutput\": {\"additionalContext\": ...}}, read by Claude Code, Gemini CLI and Codex) or text.",
                "json", String.class, () -> format, v -> format = v));
        Programmatic.standardHelpOptions(s);
        spec = s;
        return s;
    }

    HookCommand() {
        this(() -> System.in, System.getenv());
    }

    HookCommand(Supplier<InputStream> stdin, Map<String, String> env) {
        this.stdin = stdin;
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), Notices.of(spec.commandLine()), root().dataDir());
    }

    /** The hook, writing to {@code stdout} and {@code notices}, on the database in {@code dataDir}. */
    int run(PrintWriter stdout, Notices notices, Path dataDir) {
        HookEvent e = HookEvent.parse(event);
        if (e == null) {
            skipped(notices, "EVENT must be session-start, pre-compact or session-end, was " + (event == null ? "nothing" : "'" + event + "'"));
            return Cli.OK;
        }
        Duration timeout;
        int budget;
        String f = format == null ? "json" : format.strip().toLowerCase(java.util.Locale.ROOT);
        boolean json = f.equals("json");
        try {
            if (!json && !f.equals("text")) {
                throw new dev.engram.base.InvalidInputException("--format", "--format must be json or text, was '" + format + "'");
            }
            timeout = env.get(TIMEOUT_ENV) == null || env.get(TIMEOUT_ENV).isBlank() ? DEFAULT_TIMEOUT : Durations.parse(TIMEOUT_ENV, env.get(TIMEOUT_ENV));
            if (timeout.isZero() || timeout.isNegative()) {
                throw new dev.engram.base.InvalidInputException(TIMEOUT_ENV, TIMEOUT_ENV + " must be more than 0, was " + env.get(TIMEOUT_ENV));
            }
            String given = maxBytes != null ? maxBytes : env.get(MAX_BYTES_ENV);
            budget = given == null || given.isBlank() ? DEFAULT_MAX_BYTES
                    : ContextBudget.checkedMaxBytes(maxBytes != null ? "--max-bytes" : MAX_BYTES_ENV, parseLong(given));
        } catch (RuntimeException ex) {
            skipped(notices, ex.getMessage());
            return Cli.OK;
        }
        HookWork work = new HookWork(new ProjectResolver(env), dataDir);
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform().name("engram-hook").daemon(true).start(() -> {
            try {
                result.complete(work.run(e, stdin.get(), budget, json));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            String out = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            stdout.print(out);
            stdout.flush();
        } catch (TimeoutException ex) {
            worker.interrupt();
            notices.warn("hook gave up", "hook " + event + " gave up after " + Durations.format(timeout) + " (" + TIMEOUT_ENV
                    + "); printed nothing", "event", event, "timeout", Durations.format(timeout));
        } catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            skipped(notices, cause instanceof HookWork.Skipped || cause instanceof dev.engram.base.EngramException
                    ? cause.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return Cli.OK;
    }

    /** One line on stderr (an event with --log-format json/logfmt); the hook still exits 0. */
    private void skipped(Notices notices, String why) {
        notices.warn("hook skipped", "hook " + (event == null ? "" : event + " ") + "skipped: " + why, "event", String.valueOf(event), "reason", why);
    }

    private EngramCommand root() {
        return (EngramCommand) spec.root().userObject();
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new dev.engram.base.InvalidInputException("max_bytes", "max_bytes must be a whole number of bytes, was '" + s + "'");
        }
    }
}
