package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class LazyCommandTreeTest {
    @Command(name = "alpha")
    static final class Alpha implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "beta")
    static final class Beta implements Runnable {
        @Override
        public void run() {
        }
    }

    private final List<String> built = new ArrayList<>();

    private CommandRegistry registry() {
        return new CommandRegistry()
                .add("alpha", () -> {
                    built.add("alpha");
                    return new Alpha();
                })
                .add("beta", () -> {
                    built.add("beta");
                    return new Beta();
                });
    }

    @Test
    void aCommandLineNamingOneCommandBuildsThatCommandAlone() {
        CommandLine cl = Cli.commandLine(registry(), "--data-dir", "/tmp/x", "--log-level=debug", "beta", "alpha");

        assertThat(cl.getSubcommands().keySet()).containsExactly("beta");
        assertThat(built).containsExactly("beta");
    }

    @Test
    void helpUnknownWordsAndArgumentFilesGetTheFullTreeInRegistrationOrder() {
        for (String[] args : List.of(new String[] {}, new String[] {"--help", "beta"}, new String[] {"-V", "beta"},
                new String[] {"gamma"}, new String[] {"@args.txt"}, new String[] {"--data-dir"}, new String[] {"--", "beta"})) {
            built.clear();
            CommandLine cl = Cli.commandLine(registry(), args);
            assertThat(cl.getSubcommands().keySet()).as(String.join(" ", args)).containsExactly("alpha", "beta");
            assertThat(built).containsExactly("alpha", "beta");
        }
    }

    @Test
    void theCommandWordSkipsGlobalOptionsAndTheirValuesOnly() {
        assertThat(Cli.commandWord("--log-format", "json", "--log-config", "f.xml", "save", "t")).isEqualTo("save");
        assertThat(Cli.commandWord("--data-dir=search", "get", "1")).isEqualTo("get");
        assertThat(Cli.commandWord("--data-dir", "search")).isNull();
        assertThat(Cli.commandWord("-h", "search")).isNull();
        assertThat(Cli.commandWord("--unknown", "search")).isNull();
        assertThat(Cli.commandWord("", "search")).isNull();
    }

    @Test
    void aVersionRequestBuildsNoCommandAtAll() {
        assertThat(Cli.commandLine(registry(), "--data-dir", "x", "--version").getSubcommands()).isEmpty();
        assertThat(built).isEmpty();
        assertThat(Cli.versionOnly("-V")).isTrue();
        assertThat(Cli.versionOnly("--log-level=debug", "-V")).isTrue();
        assertThat(Cli.versionOnly("-V", "alpha")).isFalse();
        assertThat(Cli.versionOnly("-V", "--help")).isFalse();
        assertThat(Cli.versionOnly("--data-dir", "x")).isFalse();
        assertThat(Cli.versionOnly()).isFalse();
    }

    @Test
    void aNameRegisteredTwiceIsRefused() {
        CommandRegistry registry = registry();
        assertThatThrownBy(() -> registry.add("alpha", Alpha::new)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha");
    }

    @Test
    void versionNamesTheVersionAndTheCommit() {
        assertThat(new VersionProvider().getVersion()[0])
                .isEqualTo("engram " + VersionProvider.version() + " (commit " + VersionProvider.commit() + ")")
                .doesNotContain("${");
        assertThat(VersionProvider.commit()).isNotBlank();
    }
}
