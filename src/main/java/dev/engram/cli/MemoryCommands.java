package dev.engram.cli;

import java.util.List;
import picocli.CommandLine;

/** The memory commands of contract section 3, in the order {@code engram --help} lists them. */
public final class MemoryCommands {
    /** {@code engram sync} with its {@code status} subcommand. */
    public static CommandLine sync(Replication replication) {
        CommandLine sync = new CommandLine(new SyncCommand(replication));
        sync.addSubcommand(new SyncStatusCommand(replication));
        sync.addSubcommand(new SyncDeadCommand());
        return sync;
    }

    /** The client-side cloud commands that go under {@code engram cloud}. */
    public static List<Object> cloudClient() {
        return List.of(new ConfigCommand(), new EnrollCommand(), new UnenrollCommand(), new ProjectsCommand());
    }

    private MemoryCommands() {
    }

    public static List<Object> all() {
        return List.of(new SaveCommand(), new SearchCommand(), new GetCommand(), new ContextCommand(), new TimelineCommand(),
                new DeleteCommand(), new StatsCommand(), new IndexCommand(), new ExportCommand(), new ImportCommand());
    }
}
