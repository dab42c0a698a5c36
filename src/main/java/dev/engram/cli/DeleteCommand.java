package dev.engram.cli;

import dev.engram.memory.SqliteMemoryStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete an observation: hidden from search and context, or removed with --hard.")
final class DeleteCommand extends StoreCommand {
    @Parameters(paramLabel = "ID")
    long id;

    @Option(names = "--hard", description = "Remove it for good instead of marking it deleted.")
    boolean hard;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        store.delete(id, hard);
        out.println((hard ? "Removed" : "Deleted") + " observation " + id);
        return Cli.OK;
    }
}
