package dev.engram.app;

/**
 * The workload the launcher records a JDK 25 AOT cache from: the one-shot commands people run most,
 * against a throw-away data directory given as the only argument. Output is discarded by the caller.
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) {
        String dir = args[0];
        Main.run("--data-dir", dir, "save", "Use WAL", "Readers never block writers", "--project", "training", "--type", "decision");
        Main.run("--data-dir", dir, "save", "Second", "Another observation for training", "--project", "training", "--json");
        for (int i = 0; i < 3; i++) {
            Main.run("--data-dir", dir, "search", "wal readers");
            Main.run("--data-dir", dir, "search", "observation", "--json");
        }
        Main.run("--data-dir", dir, "get", "1");
        Main.run("--data-dir", dir, "context", "training");
        Main.run("--data-dir", dir, "stats");
    }
}
