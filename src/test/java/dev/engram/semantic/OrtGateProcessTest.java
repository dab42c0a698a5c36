package dev.engram.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM while a thread is inside ONNX Runtime. The runtime's own shutdown hook frees its native state while
 * the JVM runs every hook at once; before {@link OrtGate} this killed the JVM with SIGSEGV (exit 134, an
 * {@code hs_err} file) about one stop in three while {@code serve} loaded the model. Each case signals a real
 * JVM at several points of a load and of an embedding: a crash is a race, so one clean exit proves little.
 */
class OrtGateProcessTest {
    @TempDir
    Path dir;

    /**
     * WORK:DELAY: the probe signals DELAY ms after a call entered the runtime. Without the gate, about half the
     * load cases and one embed case in eight crashed on two cores: the cases together fail that build.
     */
    @ParameterizedTest
    @ValueSource(strings = {"load:200", "load:600", "load:900", "load:1300", "load:1800", "embed:0", "embed:3", "embed:20"})
    void aStopSignalWaitsForTheCallsInTheRuntimeAndTheJvmExitsAsStopped(String workAndDelay) throws Exception {
        String work = workAndDelay.substring(0, workAndDelay.indexOf(':'));
        String delay = workAndDelay.substring(workAndDelay.indexOf(':') + 1);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"),
                "-cp", System.getProperty("java.class.path"), OrtShutdownProbe.class.getName(), work, delay))
                .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the probe ended").isTrue();
        String stderr = Files.readString(err);
        assertThat(Files.readString(out)).as("the signal came while a call was in the runtime; stderr: %s", stderr)
                .contains("a call is in the runtime");
        assertThat(p.exitValue()).as("exit code (134 is the crash); stderr: %s", stderr).isEqualTo(143);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no JVM crash report").noneMatch(n -> n.startsWith("hs_err"));
        }
    }
}
