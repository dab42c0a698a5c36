package dev.engram.setup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans and applies {@code engram setup}: for an agent and a scope, each file's text before and
 * after (every file is read and every edit computed before anything is written, so a malformed file
 * stops the whole run with nothing changed), then writes the files that change.
 */
public final class Setup {
    private final Places places;
    private final McpLaunch launch;
    private final String instructions;
    private final ConfigFiles files = new ConfigFiles();

    public Setup(Places places, McpLaunch launch, String instructions) {
        this.places = places;
        this.launch = launch;
        this.instructions = instructions;
    }

    /** The memory instructions shipped with Engram ({@code engram/memory-instructions.md}). */
    public static String bundledInstructions() {
        try (InputStream in = Setup.class.getResourceAsStream("/engram/memory-instructions.md")) {
            if (in == null) {
                throw new IllegalStateException("the resource engram/memory-instructions.md is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code setup} (or {@code --uninstall}) would change, file by file, in the order the parts are listed. */
    public List<FileChange> plan(Agent agent, Scope scope, boolean uninstall) {
        Map<Path, String> before = new LinkedHashMap<>();
        Map<Path, String> after = new LinkedHashMap<>();
        Map<Path, List<String>> what = new LinkedHashMap<>();
        java.util.Set<Path> secret = new java.util.HashSet<>();
        for (Part part : agent.parts(scope, places, launch, instructions)) {
            Path file = part.file();
            if (launch.http() != null && !uninstall && part.kind().equals("mcp")) {
                secret.add(file);
            }
            if (!before.containsKey(file)) {
                String text = files.read(file);
                before.put(file, text);
                after.put(file, text);
                what.put(file, new ArrayList<>());
            }
            String current = after.get(file);
            PartState state = current == null ? PartState.ABSENT : part.state(current);
            String next = uninstall ? (state == PartState.ABSENT ? current : part.remove(current))
                    : (state == PartState.CURRENT ? current : part.add(current));
            if (!java.util.Objects.equals(next, current)) {
                what.get(file).add((uninstall ? "removed " : state == PartState.OUTDATED ? "updated " : "added ") + part.what());
            }
            after.put(file, next);
        }
        List<FileChange> changes = new ArrayList<>();
        before.forEach((file, text) -> changes.add(new FileChange(file, text, after.get(file), what.get(file),
                after.get(file) != null && secret.contains(file))));
        return changes;
    }

    /** What one applied file change did. */
    public record Applied(FileChange change, Path backup) {
    }

    /** Writes (or deletes) every changed file of the plan; unchanged files are not touched. */
    public List<Applied> apply(List<FileChange> plan) {
        List<Applied> applied = new ArrayList<>();
        for (FileChange change : plan) {
            if (!change.changed()) {
                continue;
            }
            if (!java.util.Objects.equals(files.read(change.file()), change.before())) {
                // The agent (or the user) wrote the file after it was read: writing now would lose that.
                throw new dev.engram.base.EngramException(change.file() + " changed while engram setup ran; nothing more was written."
                        + " Run the command again");
            }
            Path backup = null;
            if (change.after() == null) {
                files.delete(change.file());
            } else {
                backup = files.write(change.file(), change.after(), change.secret());
            }
            applied.add(new Applied(change, backup));
        }
        return applied;
    }

    /** One managed part's state in its file; {@code problem} is set (and the state null) when the file cannot be read or parsed. */
    public record PartStatus(Agent agent, Scope scope, String kind, Path file, PartState state, String problem, Transport transport) {
    }

    /**
     * Each part's state. The MCP entry is measured in the transport it is written in: an entry over
     * stdio against this launcher, one over HTTP against this setup's endpoint (without one, it can
     * only be {@code outdated}); {@code transport} says which it is.
     */
    public List<PartStatus> status(Agent agent, Scope scope) {
        List<PartStatus> rows = new ArrayList<>();
        List<Part> overStdio = Agent.partsOrEmpty(agent, scope, places, launch.stdio(), instructions);
        List<Part> overHttp = launch.http() == null ? List.of() : Agent.partsOrEmpty(agent, scope, places, launch, instructions);
        for (int i = 0; i < overStdio.size(); i++) {
            Part part = overStdio.get(i);
            try {
                String text = files.read(part.file());
                Transport transport = text == null ? null : part.transport(text).orElse(null);
                PartState state;
                if (text == null) {
                    state = PartState.ABSENT;
                } else if (transport == Transport.HTTP) {
                    state = overHttp.isEmpty() ? PartState.OUTDATED : overHttp.get(i).state(text);
                } else {
                    state = part.state(text);
                }
                rows.add(new PartStatus(agent, scope, part.kind(), part.file(), state, null, transport));
            } catch (dev.engram.base.EngramException | UncheckedIOException e) {
                rows.add(new PartStatus(agent, scope, part.kind(), part.file(), null, e.getMessage(), null));
            }
        }
        return rows;
    }
}
