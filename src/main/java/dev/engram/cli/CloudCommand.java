package dev.engram.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code engram cloud}: a plain container. Server side: {@code serve} and {@code token}; the
 * client-side subcommands ({@code config}, {@code enroll}, ...) are added next to them.
 */
@Command(name = "cloud",
        description = "Run a cloud server, manage its tokens, and configure replication.",
        subcommands = {CloudServeCommand.class, CloudTokenCommand.class})
public final class CloudCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /**
     * {@code engram cloud} with client-side subcommands added next to {@code serve} and {@code token}
     * (for example {@code MemoryCommands.cloudClient()}); pass the result to {@link Cli#commandLine}.
     */
    public static CommandLine withClientCommands(List<Object> clientCommands) {
        CommandLine cloud = new CommandLine(new CloudCommand());
        clientCommands.forEach(cloud::addSubcommand);
        return cloud;
    }

    @Override
    public void run() {
        Notices.of(spec.commandLine()).usage(spec.commandLine());
    }
}
