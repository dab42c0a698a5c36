package dev.engram.mcp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs {@code engram} from the test classpath in a fresh JVM, as the launcher would. */
final class EngramLauncher {
    private EngramLauncher() {
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** JVM options of the {@code ./engram} launcher for long-lived commands, then the main class. */
    static List<String> jvmArgs() {
        return List.of("--enable-native-access=ALL-UNNAMED", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-cp", System.getProperty("java.class.path"), "dev.engram.app.Main");
    }

    static List<String> command(Path dataDir, String... engramArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(args(dataDir, engramArgs));
        return cmd;
    }

    /** Everything after the java binary. */
    static List<String> args(Path dataDir, String... engramArgs) {
        List<String> args = new ArrayList<>(jvmArgs());
        args.add("--data-dir");
        args.add(dataDir.toString());
        args.addAll(List.of(engramArgs));
        return args;
    }
}
