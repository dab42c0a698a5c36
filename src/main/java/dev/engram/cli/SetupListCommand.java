package dev.engram.cli;

import dev.engram.setup.Agent;
import dev.engram.setup.Scope;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code engram setup list}: the agents setup knows. */
@Command(name = "list", description = "The agents engram setup knows, with their scopes.")
final class SetupListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Table table = new Table().row("AGENT", "NAME", "SCOPES", "CHECK");
        for (Agent a : Agent.values()) {
            table.row(a.id(), a.displayName(), a.scopes().stream().map(Scope::id).collect(Collectors.joining(",")), a.check());
        }
        table.print(spec.commandLine().getOut());
        return Cli.OK;
    }
}
