package dev.engram.cli;

import dev.engram.memory.Projects;
import dev.engram.memory.SqliteMemoryStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code engram cloud unenroll PROJECT}: stop replicating a project from this machine. */
@Command(name = "unenroll", description = "Stop replicating PROJECT from this machine; local memory stays, unsent changes are dropped from the queue.")
final class UnenrollCommand extends StoreCommand {
    @Parameters(paramLabel = "PROJECT")
    String project;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        String name = Projects.normalize("PROJECT", project);
        if (!store.unenroll(name)) {
            Notices.of(spec.commandLine()).error("project not enrolled", name + " was not enrolled", "project", name, "exit_code", Cli.FAILED);
            return Cli.FAILED;
        }
        out.println("Unenrolled " + name);
        return Cli.OK;
    }
}
