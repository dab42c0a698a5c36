package dev.engram.cli;

import dev.engram.base.Timestamps;
import dev.engram.cloud.TokenAdmin;
import dev.engram.cloud.TokenInfo;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code engram cloud token list}: name, projects, created, revoked; never the token nor its hash. */
@Command(name = "list", description = "List tokens: name, projects, created, revoked (never the token itself).")
public final class CloudTokenListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    CloudTokenCommand parent;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        List<TokenInfo> tokens;
        try (TokenAdmin admin = parent.open()) {
            tokens = admin.list();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = tokens.stream().map(t -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", t.name());
                row.put("projects", t.projects());
                row.put("created_at", Timestamps.format(t.createdAt()));
                row.put("revoked_at", Timestamps.format(t.revokedAt()));
                return row;
            }).toList();
            out.println(JsonMapper.builder().build().writeValueAsString(rows));
        } else {
            out.printf("%-24s %-24s %-26s %s%n", "NAME", "CREATED", "REVOKED", "PROJECTS");
            for (TokenInfo t : tokens) {
                out.printf("%-24s %-24s %-26s %s%n", t.name(), Timestamps.format(t.createdAt()),
                        t.revoked() ? Timestamps.format(t.revokedAt()) : "-", String.join(",", t.projects()));
            }
        }
        out.flush();
        return Cli.OK;
    }
}
