package dev.engram.cli;

import dev.engram.api.ServeToken;
import dev.engram.base.InvalidInputException;
import dev.engram.setup.Agent;
import dev.engram.setup.FileChange;
import dev.engram.setup.HttpEndpoint;
import dev.engram.setup.Launchers;
import dev.engram.setup.McpLaunch;
import dev.engram.setup.Places;
import dev.engram.setup.Scope;
import dev.engram.setup.Setup;
import dev.engram.setup.Transport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram setup AGENT}: writes (or with {@code --uninstall} removes) engram in a coding agent's configuration. */
@Command(name = "setup", description = {"Connect a coding agent to Engram: its MCP server entry, the memory instructions and hooks.",
        "With --transport http the agent connects to 'engram serve' at /mcp with the serve token (written to the agent's file, never printed).",
        "Agents: claude-code, codex, gemini-cli, opencode, cursor, vscode, windsurf (see 'engram setup list')."})
final class SetupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "AGENT", description = "The agent to set up.")
    String agent;

    @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "user",
            description = "user (your own configuration, the default) or project (files in the working directory).")
    String scope;

    @Option(names = "--dry-run", description = "Print the change as a unified diff and write nothing.")
    boolean dryRun;

    @Option(names = "--uninstall", description = "Remove exactly what setup added.")
    boolean uninstall;

    @Option(names = "--launcher", paramLabel = "PATH",
            description = "The engram launcher the agent runs (default: this installation's ./engram or bin/engram).")
    Path launcher;

    @Option(names = "--transport", paramLabel = "TRANSPORT", defaultValue = "stdio",
            description = "stdio (the agent starts 'engram mcp', the default) or http (the agent connects to 'engram serve' at /mcp"
                    + " with the data directory's serve token).")
    String transport;

    @Option(names = "--url", paramLabel = "URL",
            description = "With --transport http: the MCP endpoint (default " + HttpEndpoint.DEFAULT_URL + ").")
    String url;

    private static final String DRY_RUN_TOKEN = "not-created-by-a-dry-run";
    private final Places places;

    SetupCommand(Places places) {
        this.places = places;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (agent == null) {
            spec.commandLine().usage(spec.commandLine().getErr());
            return Cli.USAGE;
        }
        Agent target = Agent.parse(agent);
        Scope where = Scope.parse(scope);
        Transport over = Transport.parse(transport);
        if (url != null && over != Transport.HTTP) {
            throw new InvalidInputException("--url", "--url goes with --transport http");
        }
        java.net.URI endpoint = HttpEndpoint.parseUrl(url == null ? HttpEndpoint.DEFAULT_URL : url);
        McpLaunch launch = launch(launcher);
        if (over == Transport.HTTP && !uninstall) {
            // Uninstall removes the entry whatever it holds, so it needs (and creates) no token.
            // As 'engram serve --print-token': the data directory's token, created when missing. A dry run
            // creates nothing: the token is masked in the diff, so a stand-in shows the same change.
            ServeToken token = ServeToken.in(((EngramCommand) spec.root().userObject()).dataDir());
            launch = new McpLaunch(launch.launcher(), new HttpEndpoint(endpoint,
                    dryRun ? token.read().orElse(DRY_RUN_TOKEN) : token.readOrCreate()));
        }
        Setup setup = new Setup(places, launch, Setup.bundledInstructions());
        List<FileChange> plan = setup.plan(target, where, uninstall);
        String subject = target.id() + " (" + where.id() + " scope)";
        if (plan.stream().noneMatch(FileChange::changed)) {
            out.println(uninstall ? subject + ": engram is not set up there; nothing changed" : subject + ": already set up; nothing changed");
            return Cli.OK;
        }
        if (dryRun) {
            plan.stream().filter(FileChange::changed).forEach(c -> out.print(c.diff()));
            out.println("dry run: nothing written");
            return Cli.OK;
        }
        for (Setup.Applied applied : setup.apply(plan)) {
            FileChange c = applied.change();
            String verb = c.after() == null ? "deleted" : c.before() == null ? "created" : "updated";
            out.println(verb + " " + c.file() + ": " + String.join(", ", c.what()));
            if (applied.backup() != null) {
                out.println("  backup of the previous file: " + applied.backup());
            }
            if (c.secret() && readableByOthers(c.file())) {
                out.println("  note: " + c.file() + " now holds the serve token and other users can read it (its mode is kept);"
                        + " make it private with: chmod 600 " + c.file());
            }
        }
        out.println(uninstall ? subject + ": engram removed" : subject + ": set up; check with: " + target.check());
        if (!uninstall && launch.http() != null) {
            out.println("  over HTTP: the agent connects to " + launch.http().url() + " with the serve token (Bearer ****);"
                    + " keep 'engram serve' running");
        }
        return Cli.OK;
    }

    private static boolean readableByOthers(Path file) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            return mode.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
                    || mode.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The launcher the agent runs: {@code --launcher}, else this installation's. */
    static McpLaunch launch(Path launcher) {
        if (launcher != null) {
            if (!Files.isRegularFile(launcher) || !Files.isExecutable(launcher)) {
                throw new InvalidInputException("--launcher", "--launcher must be an executable file, was " + launcher);
            }
            return new McpLaunch(launcher);
        }
        return new McpLaunch(Launchers.ofRunningCode().orElseThrow(() -> new InvalidInputException("--launcher",
                "cannot find this installation's launcher (./engram next to target/, or bin/engram next to lib/); pass --launcher PATH")));
    }
}
