package dev.engram.cli;

import dev.engram.cloud.CloudDatabaseUrl;
import dev.engram.cloud.TokenAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code engram cloud token}: create, list and revoke the server's bearer tokens, directly in its database. */
@Command(name = "token",
        description = "Manage the cloud server's bearer tokens (acts on the server's database; no restart needed).",
        subcommands = {CloudTokenCreateCommand.class, CloudTokenListCommand.class, CloudTokenRevokeCommand.class})
public final class CloudTokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:ENGRAM_CLOUD_DB:-" + CloudDatabaseUrl.DEFAULT + "}",
            description = "The server's database: SQLite file path or postgresql:// URL (env ENGRAM_CLOUD_DB, default ${DEFAULT-VALUE}).")
    String db;

    @Override
    public void run() {
        Notices.of(spec.commandLine()).usage(spec.commandLine());
    }

    TokenAdmin open() {
        return TokenAdmin.open(CloudDatabaseUrl.parse("--db", db));
    }
}
