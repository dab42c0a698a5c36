package dev.engram.cli;

import java.nio.file.Path;

/** The project a command uses when none is given: {@code ENGRAM_PROJECT}, else the working directory's name. */
final class DefaultProject {
    private DefaultProject() {
    }

    static String resolve(String given) {
        if (given != null) {
            return given;
        }
        String env = System.getenv("ENGRAM_PROJECT");
        if (env != null && !env.isBlank()) {
            return env;
        }
        Path cwd = Path.of("").toAbsolutePath().getFileName();
        return cwd == null ? null : cwd.toString();
    }
}
