package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs writing the same database file at the same time, as serve and mcp do on one machine. */
class TwoProcessesTest {
    @TempDir
    Path dir;

    @Test
    void twoProcessesWritingOneFileLoseNothing() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        int perProcess = 150;
        List<Process> processes = new ArrayList<>();
        for (String name : List.of("one", "two")) {
            processes.add(new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    ConcurrentWriter.class.getName(), dir.toString(), name, String.valueOf(perProcess))
                    .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start());
        }
        for (Process p : processes) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(dir.resolve(p == processes.get(0) ? "one.log" : "two.log"))).isZero();
        }
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dir)) {
            assertThat(store.stats().observations()).isEqualTo(2L * perProcess);
            assertThat(store.search(new SearchQuery("process one", null, null, null, 100))).hasSize(100);
        }
    }
}
