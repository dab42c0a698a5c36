package dev.engram.setup;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where things are on this machine: the home directory, the project (the working directory), and
 * the environment variables that move an agent's configuration ({@code XDG_CONFIG_HOME},
 * {@code CODEX_HOME}, {@code APPDATA}).
 */
public record Places(Path home, Path project, Map<String, String> env, String osName) {
    public Places {
        home = home.toAbsolutePath().normalize();
        project = project.toAbsolutePath().normalize();
        env = Map.copyOf(env);
    }

    /**
     * The places of the running process. The home directory is {@code HOME} when it is set, as the
     * agents themselves read it (Java's {@code user.home} ignores it), else {@code user.home}.
     */
    public static Places ofThisProcess() {
        String home = System.getenv("HOME");
        Path homeDir = home != null && !home.isBlank() && Path.of(home).isAbsolute() ? Path.of(home) : Path.of(System.getProperty("user.home"));
        return new Places(homeDir, Path.of("").toAbsolutePath(), System.getenv(), System.getProperty("os.name", ""));
    }

    Path xdgConfig() {
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
    }

    Path codexHome() {
        String codex = env.get("CODEX_HOME");
        return codex != null && !codex.isBlank() && Path.of(codex).isAbsolute() ? Path.of(codex) : home.resolve(".codex");
    }

    /** VS Code's user profile directory (where its user {@code mcp.json} lives). */
    Path vscodeUser() {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/Code/User");
        }
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return (appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("Code/User");
        }
        return xdgConfig().resolve("Code/User");
    }
}
