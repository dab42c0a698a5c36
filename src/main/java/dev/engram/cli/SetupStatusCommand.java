package dev.engram.cli;

import dev.engram.api.ServeToken;
import dev.engram.base.EngramException;
import dev.engram.setup.Agent;
import dev.engram.setup.HttpEndpoint;
import dev.engram.setup.McpLaunch;
import dev.engram.setup.PartState;
import dev.engram.setup.Places;
import dev.engram.setup.Scope;
import dev.engram.setup.Setup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code engram setup status [AGENT] [--json]}: per agent and scope, whether each part is absent, current or outdated. */
@Command(name = "status", description = "Whether each agent's MCP entry, instructions and hooks are present and current.")
final class SetupStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "AGENT", description = "Only this agent.")
    String agent;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--launcher", paramLabel = "PATH", description = "The launcher 'current' is measured against (default: this installation's).")
    Path launcher;

    @Option(names = "--url", paramLabel = "URL",
            description = "The MCP endpoint an entry over HTTP is measured against (default " + HttpEndpoint.DEFAULT_URL + ").")
    String url;

    private final Places places;

    SetupStatusCommand(Places places) {
        this.places = places;
    }

    @Override
    public Integer call() {
        List<Agent> agents = agent == null ? List.of(Agent.values()) : List.of(Agent.parse(agent));
        Setup setup = new Setup(places, launch(), Setup.bundledInstructions());
        List<Setup.PartStatus> rows = new ArrayList<>();
        for (Agent a : agents) {
            for (Scope s : a.scopes()) {
                rows.addAll(setup.status(a, s));
            }
        }
        if (json) {
            spec.commandLine().getOut().println(CliJson.print(json(agents, rows)));
            return Cli.OK;
        }
        Table table = new Table().row("AGENT", "SCOPE", "PART", "STATE", "TRANSPORT", "FILE");
        for (Setup.PartStatus r : rows) {
            table.row(r.agent().id(), r.scope().id(), r.kind(), r.state() == null ? "error: " + r.problem() : r.state().id(),
                    r.transport() == null ? "-" : r.transport().id(), r.file().toString());
        }
        table.print(spec.commandLine().getOut());
        return Cli.OK;
    }

    /**
     * This launcher, with the endpoint an HTTP entry must match: {@code --url} (or the default) and the
     * data directory's serve token, read but never created here; without a token there is no endpoint.
     */
    private McpLaunch launch() {
        McpLaunch stdio = SetupCommand.launch(launcher);
        java.net.URI endpoint = HttpEndpoint.parseUrl(url == null ? HttpEndpoint.DEFAULT_URL : url);
        try {
            return ServeToken.in(((EngramCommand) spec.root().userObject()).dataDir()).read()
                    .map(token -> new McpLaunch(stdio.launcher(), new HttpEndpoint(endpoint, token))).orElse(stdio);
        } catch (EngramException unreadable) {
            return stdio;
        }
    }

    private static ObjectNode json(List<Agent> agents, List<Setup.PartStatus> rows) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode list = root.putArray("agents");
        for (Agent a : agents) {
            ObjectNode agent = list.addObject();
            agent.put("agent", a.id());
            agent.put("name", a.displayName());
            ArrayNode scopes = agent.putArray("scopes");
            for (Scope s : a.scopes()) {
                List<Setup.PartStatus> mine = rows.stream().filter(r -> r.agent() == a && r.scope() == s).toList();
                ObjectNode scope = scopes.addObject();
                scope.put("scope", s.id());
                scope.put("summary", summary(mine));
                ArrayNode parts = scope.putArray("parts");
                for (Setup.PartStatus r : mine) {
                    ObjectNode part = parts.addObject();
                    part.put("part", r.kind());
                    part.put("file", r.file().toString());
                    part.put("state", r.state() == null ? "error" : r.state().id());
                    if (r.transport() != null) {
                        part.put("transport", r.transport().id());
                    }
                    if (r.problem() != null) {
                        part.put("error", r.problem());
                    }
                }
            }
        }
        return root;
    }

    /** {@code set up} when every part is current, {@code not set up} when none is there, else {@code partly set up} or {@code error}. */
    static String summary(List<Setup.PartStatus> parts) {
        if (parts.stream().anyMatch(p -> p.state() == null)) {
            return "error";
        }
        if (parts.stream().allMatch(p -> p.state() == PartState.CURRENT)) {
            return "set up";
        }
        return parts.stream().allMatch(p -> p.state() == PartState.ABSENT) ? "not set up" : "partly set up";
    }
}
