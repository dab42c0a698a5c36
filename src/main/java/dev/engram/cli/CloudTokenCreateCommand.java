package dev.engram.cli;

import dev.engram.cloud.IssuedToken;
import dev.engram.cloud.TokenAdmin;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code engram cloud token create --name N --project P...}: prints the new token, alone, on stdout. */
@Command(name = "create", description = "Create a token granted the given projects and print it once (only its hash is stored).")
public final class CloudTokenCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    CloudTokenCommand parent;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "Unique name, for listing, revoking and audit (for example the machine).")
    String name;

    @Option(names = "--project", paramLabel = "PROJECT", required = true, description = "A project the token may push and pull; repeat for more.")
    List<String> projects;

    @Override
    public Integer call() {
        try (TokenAdmin admin = parent.open()) {
            IssuedToken token = admin.create(name, projects);
            spec.commandLine().getOut().println(token.token());
            spec.commandLine().getOut().flush();
        }
        return Cli.OK;
    }
}
