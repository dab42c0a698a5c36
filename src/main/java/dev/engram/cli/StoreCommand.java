package dev.engram.cli;

import dev.engram.memory.SqliteMemoryStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A one-shot command that opens the local store, does its work, prints to stdout and closes the store. */
@picocli.CommandLine.Command
abstract class StoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The global options, wherever this command sits in the tree. */
    EngramCommand root() {
        return (EngramCommand) spec.root().userObject();
    }

    @Override
    public final Integer call() {
        try (SqliteMemoryStore store = SqliteMemoryStore.open(root().dataDir())) {
            return run(store, spec.commandLine().getOut());
        }
    }

    abstract int run(SqliteMemoryStore store, PrintWriter out);
}
