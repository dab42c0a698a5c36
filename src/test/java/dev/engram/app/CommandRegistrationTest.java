package dev.engram.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.cli.Cli;
import dev.engram.cli.CommandRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command of {@code engram} is registered under its own name, and the lazy tree changes no output. */
class CommandRegistrationTest {
    @Test
    void eachRegisteredNameBuildsTheCommandOfThatName() {
        CommandRegistry registry = Main.commands();
        for (String name : registry.names()) {
            assertThat(Cli.commandLine(registry, name).getSubcommands().keySet()).as(name).containsExactly(name);
        }
        assertThat(Cli.commandLine(registry).getSubcommands().keySet()).containsExactlyElementsOf(registry.names());
    }

    @Test
    void helpAndUsageErrorsPrintTheSameThroughTheLazyTreeAsThroughTheFullOne() {
        CommandRegistry registry = Main.commands();
        for (String name : registry.names()) {
            for (String[] args : new String[][] {{name, "--help"}, {name, "--no-such-option"}}) {
                assertThat(run(Cli.commandLine(registry, args), args)).as(String.join(" ", args))
                        .isEqualTo(run(Cli.commandLine(registry), args));
            }
        }
        for (String[] args : new String[][] {{"--version"}, {"--data-dir", "x", "-V"}}) {
            assertThat(run(Cli.commandLine(registry, args), args)).as(String.join(" ", args))
                    .isEqualTo(run(Cli.commandLine(registry), args)).contains("(commit ");
        }
    }

    private static String run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int code = cl.execute(args);
        return code + "\n" + out;
    }
}
