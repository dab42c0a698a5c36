package dev.engram.project;

import dev.engram.base.InvalidInputException;
import dev.engram.memory.Projects;
import dev.engram.project.ResolvedProject.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place that decides which project applies, for the CLI, {@code serve}, {@code mcp} and {@code hook}.
 * Rules, first match wins:
 * <ol>
 *   <li>the explicit argument ({@code --project}, a tool's {@code project}, an HTTP field);</li>
 *   <li>{@code ENGRAM_PROJECT};</li>
 *   <li>{@code .engram/config.json} ({@code {"project": "..."}}) in the directory or its nearest parent that has one;</li>
 *   <li>the repository name of git remote {@code origin} ({@code git@host:org/My-App.git} gives {@code my-app});</li>
 *   <li>the name of the git top-level directory;</li>
 *   <li>the directory's own name.</li>
 * </ol>
 * Every name goes through {@link Projects#normalize}. Never throws for what it reads: a malformed config
 * file or unreadable git file becomes a note and the next rule applies. An explicit argument or
 * {@code ENGRAM_PROJECT} that is not a valid project name is the user's error and is refused.
 */
public final class ProjectResolver {
    static final int MAX_CONFIG_BYTES = 64 * 1024;
    public static final String ENV = "ENGRAM_PROJECT";

    private final Map<String, String> env;

    /** {@code env} is the process environment (tests pass their own). */
    public ProjectResolver(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static ProjectResolver fromEnvironment() {
        return new ProjectResolver(System.getenv());
    }

    /** The project for {@code explicit} (may be null) in {@code directory}. */
    public ResolvedProject resolve(String explicit, Path directory) {
        if (explicit != null && !explicit.isBlank()) {
            return new ResolvedProject(Projects.normalize("project", explicit), Rule.ARGUMENT, "argument", List.of());
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new ResolvedProject(Projects.normalize(ENV, fromEnv), Rule.ENVIRONMENT, ENV, List.of());
        }
        Path dir = directory.toAbsolutePath().normalize();
        List<String> notes = new ArrayList<>();
        ResolvedProject configured = fromConfigFile(dir, notes);
        if (configured != null) {
            return configured;
        }
        GitRepository git = GitRepository.find(dir, notes::add);
        if (git != null) {
            String name = usable(RemoteNames.repositoryName(git.originUrl()));
            if (name != null) {
                return new ResolvedProject(name, Rule.GIT_REMOTE, git.originUrl(), notes);
            }
            String top = usable(fileName(git.topLevel()));
            if (top != null) {
                return new ResolvedProject(top, Rule.GIT_TOPLEVEL, git.topLevel().toString(), notes);
            }
        }
        String own = usable(fileName(dir));
        return new ResolvedProject(own == null ? "default" : own, Rule.DIRECTORY, dir.toString(), notes);
    }

    /** The nearest {@code .engram/config.json} with a usable {@code project}; unusable ones are noted and passed over. */
    private static ResolvedProject fromConfigFile(Path dir, List<String> notes) {
        for (Path d = dir; d != null; d = d.getParent()) {
            Path file = d.resolve(".engram").resolve("config.json");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String problem;
            try {
                String name = Projects.normalize("project", configuredProject(file));
                return new ResolvedProject(name, Rule.CONFIG_FILE, file.toString(), notes);
            } catch (IOException e) {
                problem = "cannot be read: " + e.getMessage();
            } catch (IllegalArgumentException | InvalidInputException e) {
                problem = e.getMessage();
            }
            notes.add(file + " ignored: " + problem);
            return null; // the nearest config file decides; a broken one falls through to git, not to a parent's
        }
        return null;
    }

    private static String configuredProject(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
        }
        if (bytes.length > MAX_CONFIG_BYTES) {
            throw new IllegalArgumentException("larger than " + MAX_CONFIG_BYTES + " bytes");
        }
        String project = TopLevelStrings.parse(new String(bytes, StandardCharsets.UTF_8)).get("project");
        if (project == null || project.isBlank()) {
            throw new IllegalArgumentException("no \"project\" string in it");
        }
        return project;
    }

    /** A derived name that is a valid project name, else null (the next rule applies). */
    private static String usable(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Projects.normalize("project", raw);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static String fileName(Path p) {
        Path name = p == null ? null : p.getFileName();
        return name == null ? null : name.toString();
    }
}
