package dev.engram.cli;

import java.util.List;

/** The memory commands of contract section 3, in the order {@code engram --help} lists them. */
public final class MemoryCommands {
    private MemoryCommands() {
    }

    public static List<Object> all() {
        return List.of(new SaveCommand(), new SearchCommand(), new GetCommand(), new ContextCommand(), new TimelineCommand(),
                new DeleteCommand(), new StatsCommand(), new ExportCommand(), new ImportCommand());
    }
}
