package dev.engram.cli;

import dev.engram.setup.Places;
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

    /** {@code engram setup} with its {@code list} and {@code status} subcommands, for the agents' files under {@code places}. */
    public static CommandLine setup(Places places) {
        CommandLine setup = new CommandLine(new SetupCommand(places));
        setup.addSubcommand(new SetupListCommand());
        setup.addSubcommand(new SetupStatusCommand(places));
        return setup;
    }

    /** The client-side cloud commands that go under {@code engram cloud}. */
    public static List<Object> cloudClient() {
        return List.of(new ConfigCommand(), new EnrollCommand(), new UnenrollCommand(), new ProjectsCommand());
    }

    private MemoryCommands() {
    }

    /** The memory commands, each built only when needed; add the other top-level commands after them. */
    public static CommandRegistry registry() {
        return new CommandRegistry()
                .add("save", SaveCommand::new)
                .add("search", SearchCommand::new)
                .add("get", GetCommand::new)
                .add("context", ContextCommand::new)
                .add("timeline", TimelineCommand::new)
                .add("delete", DeleteCommand::new)
                .add("stats", StatsCommand::new)
                .add("index", IndexCommand::new)
                .add("export", ExportCommand::new)
                .add("import", ImportCommand::new)
                .add("project", ProjectCommand::new)
                .add("projects", LocalProjectsCommand::new)
                .add("hook", HookCommand::new);
    }

    public static List<Object> all() {
        return registry().createAll();
    }
}
