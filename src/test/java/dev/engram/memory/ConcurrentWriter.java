package dev.engram.memory;

import java.nio.file.Path;

/** A separate process for {@link TwoProcessesTest}: saves N observations into the given database. */
public final class ConcurrentWriter {
    private ConcurrentWriter() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String name = args[1];
        int count = Integer.parseInt(args[2]);
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dir)) {
            for (int i = 0; i < count; i++) {
                store.save(NewObservation.of("demo", name + " " + i, "written by process " + name + " number " + i));
            }
        }
    }
}
