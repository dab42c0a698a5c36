package dev.engram.setup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How an agent starts this installation: the launcher's absolute path with {@code mcp --tools agent}
 * (no {@code --project}: the server resolves the project itself), and the hook command lines.
 */
public record McpLaunch(Path launcher) {
    static final List<String> MCP_ARGS = List.of("mcp", "--tools", "agent");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./+,:@%=-]+");

    public McpLaunch {
        launcher = launcher.toAbsolutePath().normalize();
    }

    String command() {
        return launcher.toString();
    }

    /** The command and its arguments as one list, for agents whose {@code command} is an array. */
    List<String> commandLine() {
        List<String> all = new ArrayList<>();
        all.add(command());
        all.addAll(MCP_ARGS);
        return all;
    }

    /** The shell command of a hook: {@code <launcher> hook <event>}, the launcher quoted when it needs it. */
    String hookCommand(String event) {
        return shellQuote(command()) + " hook " + event;
    }

    static String shellQuote(String s) {
        return SAFE.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
