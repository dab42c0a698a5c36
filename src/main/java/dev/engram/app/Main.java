package dev.engram.app;

import dev.engram.cli.Cli;
import dev.engram.cli.CloudCommand;
import dev.engram.cli.McpCommand;
import dev.engram.cli.MemoryCommands;
import dev.engram.cli.ServeCommand;
import dev.engram.setup.Places;
import java.util.ArrayList;
import java.util.List;

/** The {@code engram} executable: builds the command tree and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code, without exiting; tests call this. */
    public static int run(String... args) {
        return Cli.commandLine(commands()).execute(args);
    }

    /** Every top-level subcommand of {@code engram}, in the order {@code --help} lists them. */
    static List<Object> commands() {
        ReplicationWiring replication = new ReplicationWiring(System.getenv());
        List<Object> commands = new ArrayList<>(MemoryCommands.all());
        commands.add(MemoryCommands.sync(replication));
        commands.add(CloudCommand.withClientCommands(MemoryCommands.cloudClient()));
        commands.add(new DemoCommand());
        commands.add(new ServeCommand(replication));
        commands.add(new McpCommand(replication));
        commands.add(MemoryCommands.setup(Places.ofThisProcess()));
        return commands;
    }
}
