package dev.engram.mcp;

import dev.engram.logging.ComponentLogger;
import dev.engram.project.ProjectResolver;
import dev.engram.project.ResolvedProject;
import java.nio.file.Path;

/**
 * The project this MCP server works on when a tool call names none: {@code --project} when given,
 * else resolved from the server's working directory at start, then from the client's first
 * {@code file://} root whenever the client tells its roots (at initialization and on
 * {@code notifications/roots/list_changed}).
 */
public final class CurrentProject {
    private static final ComponentLogger log = ComponentLogger.of("mcp");

    private final ProjectResolver resolver;
    private final String explicit;
    private volatile ResolvedProject current;
    private volatile Path directory;
    private volatile boolean fromRoots;

    public CurrentProject(ProjectResolver resolver, String explicit, Path workingDirectory) {
        this.resolver = resolver;
        this.explicit = explicit == null || explicit.isBlank() ? null : explicit;
        this.directory = workingDirectory.toAbsolutePath().normalize();
        this.current = resolver.resolve(this.explicit, directory);
    }

    ResolvedProject get() {
        return current;
    }

    Path directory() {
        return directory;
    }

    /** True once the directory came from the client's roots. */
    boolean fromRoots() {
        return fromRoots;
    }

    /** The client's roots now name {@code root}: resolve again from there. */
    void rootChanged(Path root) {
        ResolvedProject next = resolver.resolve(explicit, root);
        directory = root;
        fromRoots = true;
        current = next;
        log.atInfo().setMessage("project resolved from the client's roots").addKeyValue("project", next.project())
                .addKeyValue("rule", next.rule().wire()).addKeyValue("root", root.toString()).log();
    }
}
