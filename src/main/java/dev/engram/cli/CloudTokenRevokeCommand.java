package dev.engram.cli;

import dev.engram.cloud.TokenAdmin;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code engram cloud token revoke NAME}: effective on the token's next request, on every server instance. */
@Command(name = "revoke", description = "Revoke a token; its next request gets 401.")
public final class CloudTokenRevokeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    CloudTokenCommand parent;

    @Parameters(paramLabel = "NAME", description = "The token's name, as token list shows it.")
    String name;

    @Override
    public Integer call() {
        try (TokenAdmin admin = parent.open()) {
            boolean changed = admin.revoke(name);
            spec.commandLine().getOut().println(changed ? "revoked " + name : "already revoked " + name);
            spec.commandLine().getOut().flush();
        }
        return Cli.OK;
    }
}
