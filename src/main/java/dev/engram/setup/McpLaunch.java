package dev.engram.setup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How an agent reaches this installation: the launcher's absolute path with {@code mcp --tools agent}
 * (no {@code --project}: the server resolves the project itself) and the hook command lines; with
 * {@code http} set, the MCP entry points at {@code engram serve}'s endpoint instead of the launcher
 * (the hooks still run the launcher).
 */
public record McpLaunch(Path launcher, HttpEndpoint http) {
    static final List<String> MCP_ARGS = List.of("mcp", "--tools", "agent");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./+,:@%=-]+");

    public McpLaunch {
        launcher = launcher.toAbsolutePath().normalize();
    }

    /** Over stdio: the agent starts the launcher. */
    public McpLaunch(Path launcher) {
        this(launcher, null);
    }

    public Transport transport() {
        return http == null ? Transport.STDIO : Transport.HTTP;
    }

    /** The same launcher over stdio. */
    McpLaunch stdio() {
        return new McpLaunch(launcher);
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
