package dev.engram.app;

import dev.engram.cli.Cli;
import dev.engram.cli.CloudCommand;
import dev.engram.cli.CommandRegistry;
import dev.engram.cli.McpCommand;
import dev.engram.cli.MemoryCommands;
import dev.engram.cli.ServeCommand;
import dev.engram.logging.LazyLogbackProvider;
import dev.engram.semantic.OrtGate;
import dev.engram.setup.Places;

/** The {@code engram} executable: builds the command tree and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LazyLogbackProvider.install(); // before anything logs: Logback starts only if something does
        int code = run(args);
        // ONNX Runtime frees its native state in a shutdown hook: no embedding may still be running then.
        OrtGate.closeAndWait();
        if (code == Cli.OK && onlyDaemonsLeft()) {
            // The JVM then ends as System.exit(0) ends it (shutdown hooks, status 0), without one step: Runtime.exit
            // first asks for the JDK's System.Logger, which scans every jar on the class path for a logging
            // backend. For the 17,000-entry jar that was 7 ms at the end of every command.
            return;
        }
        System.exit(code);
    }

    /** True when no thread but this one would keep the JVM alive once {@code main} returns. */
    static boolean onlyDaemonsLeft() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        if (n == threads.length) {
            return false; // more threads than room: do not guess
        }
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t != Thread.currentThread() && !t.isDaemon() && t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** Runs one command line and returns its exit code, without exiting; tests call this. */
    public static int run(String... args) {
        return Cli.run(commands(), args);
    }

    /**
     * Every top-level subcommand of {@code engram}, in the order {@code --help} lists them; each is
     * built only when the command line needs it. Register a new command here (or in
     * {@link MemoryCommands#registry()}) under exactly its {@code @Command} name.
     */
    static CommandRegistry commands() {
        ReplicationWiring replication = new ReplicationWiring(System.getenv());
        return MemoryCommands.registry()
                .add("sync", () -> MemoryCommands.sync(replication))
                .add("cloud", () -> CloudCommand.withClientCommands(MemoryCommands.cloudClient()))
                .add("demo", DemoCommand::new)
                .add("serve", () -> new ServeCommand(replication))
                .add("mcp", () -> new McpCommand(replication))
                .add("setup", () -> MemoryCommands.setup(Places.ofThisProcess()));
    }
}
