package dev.engram.cli;

import dev.engram.memory.SqliteMemoryStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code engram cloud enroll PROJECT}: replicate a project from this machine. */
@Command(name = "enroll", description = "Replicate PROJECT from this machine; its existing memory is queued for the next sync.")
final class EnrollCommand extends StoreCommand {
    @Parameters(paramLabel = "PROJECT")
    String project;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        int queued = store.enroll(project);
        out.println("Enrolled " + dev.engram.memory.Projects.normalize("PROJECT", project) + ": " + queued
                + " existing records queued for sync");
        return Cli.OK;
    }
}
