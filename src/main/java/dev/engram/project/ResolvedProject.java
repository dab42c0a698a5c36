package dev.engram.project;

import java.util.List;

/**
 * The project that applies and why: {@code rule} is the rule that chose it, {@code source} what it came
 * from (the config file's path, the remote URL, a directory), and {@code notes} say which earlier rules
 * were skipped because their input was unreadable (a malformed config file, for example).
 */
public record ResolvedProject(String project, Rule rule, String source, List<String> notes) {
    public ResolvedProject {
        notes = List.copyOf(notes);
    }

    /** The rules, in the order they are tried; {@link #wire()} is the name printed by {@code engram project --json}. */
    public enum Rule {
        ARGUMENT("argument"),
        ENVIRONMENT("env"),
        CONFIG_FILE("config_file"),
        GIT_REMOTE("git_remote"),
        GIT_TOPLEVEL("git_toplevel"),
        DIRECTORY("directory");

        private final String wire;

        Rule(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
