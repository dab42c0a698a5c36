package dev.engram.cli;

import dev.engram.base.InvalidInputException;
import dev.engram.base.Timestamps;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.sync.DeadLetters;
import dev.engram.sync.OutboundDeadLetters;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engram sync dead}: what replication set aside. Local writes the server refused (outbound; they can
 * be retried or discarded) and pulled mutations this replica could not apply (inbound; kept as evidence).
 */
@Command(name = "dead", description = {"List what sync set aside: local writes the server refused (outbound) and pulled "
        + "mutations that could not be applied here (inbound).",
        "With --retry or --discard, act on outbound letters: the IDs given, or all of them."})
final class SyncDeadCommand extends StoreCommand {
    @Option(names = "--json", description = "Print the letters as JSON.")
    boolean json;

    @ArgGroup(exclusive = true)
    Action action;

    static final class Action {
        @Option(names = "--retry", description = "Put outbound letters back in the journal; the next sync pushes them again.")
        boolean retry;

        @Option(names = "--discard", description = "Drop outbound letters for good (the memories stay on this machine).")
        boolean discard;
    }

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Outbound letter ids for --retry or --discard (default: all).")
    List<String> ids = new ArrayList<>();

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        List<Long> chosen = parseIds();
        if (action == null) {
            if (!chosen.isEmpty()) {
                throw new InvalidInputException("ID", "letter ids go with --retry or --discard");
            }
            return list(store, out);
        }
        int moved = action.retry ? OutboundDeadLetters.retry(store, chosen) : OutboundDeadLetters.discard(store, chosen);
        out.println((action.retry ? "Queued again: " : "Discarded: ") + moved);
        return Cli.OK;
    }

    private List<Long> parseIds() {
        List<Long> out = new ArrayList<>();
        for (String id : ids) {
            try {
                out.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("ID", "ID must be a letter number as listed by 'engram sync dead', was '"
                        + (id.length() > 40 ? id.substring(0, 40) + "..." : id) + "'");
            }
        }
        return out;
    }

    private int list(SqliteMemoryStore store, PrintWriter out) {
        List<OutboundDeadLetters.Letter> outbound = OutboundDeadLetters.list(store);
        List<DeadLetters.Letter> inbound = DeadLetters.list(store);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("outbound", outbound.stream().map(l -> row("id", l.id(), "mutation_id", l.mutationId(), "project", l.project(),
                    "entity", l.entity(), "entity_key", l.entityKey(), "op", l.op(), "field", l.field(), "error", l.error(),
                    "dead_at", Timestamps.format(l.deadAt()))).toList());
            doc.put("inbound", inbound.stream().map(l -> row("id", l.id(), "seq", l.seq(), "mutation_id", l.mutationId(),
                    "project", l.project(), "entity", l.entity(), "op", l.op(), "error", l.error(),
                    "dead_at", Timestamps.format(l.deadAt()))).toList());
            out.println(dev.engram.view.Views.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            return Cli.OK;
        }
        if (outbound.isEmpty() && inbound.isEmpty()) {
            out.println("Nothing set aside.");
            return Cli.OK;
        }
        if (!outbound.isEmpty()) {
            out.println("Local writes the server refused (retry with 'engram sync dead --retry [ID...]' once fixed, "
                    + "or drop with --discard):");
            Table t = new Table().row("ID", "PROJECT", "ENTITY", "KEY", "REASON");
            outbound.forEach(l -> t.row(String.valueOf(l.id()), l.project(), l.entity(), shorten(l.entityKey()), l.error()));
            t.print(out);
        }
        if (!inbound.isEmpty()) {
            out.println("Pulled mutations that could not be applied here (kept as evidence):");
            Table t = new Table().row("SEQ", "PROJECT", "ENTITY", "OP", "REASON");
            inbound.forEach(l -> t.row(String.valueOf(l.seq()), String.valueOf(l.project()), String.valueOf(l.entity()),
                    String.valueOf(l.op()), l.error()));
            t.print(out);
        }
        return Cli.OK;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
