package dev.engram.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code engram demo} end to end: a real cloud server and two replicas with autosync. */
class DemoCommandTest {
    @Test
    void aMemorySavedOnOneReplicaArrivesOnTheOtherAndEverythingIsCleanedUp() {
        CommandLine cl = Cli.commandLine(Main.commands());
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));

        int code = cl.execute("--log-level", "warn", "demo");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Replica B found it by search after")
                .contains("\"phase\":\"healthy\"").doesNotContain("\"reason_code\":\"");
        String scratch = out.toString().lines().filter(l -> l.startsWith("6.")).findFirst().orElseThrow()
                .replaceAll(".* removed ", "");
        assertThat(java.nio.file.Path.of(scratch)).doesNotExist();
    }
}
