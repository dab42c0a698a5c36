package dev.engram.cli;

import dev.engram.base.InvalidInputException;
import dev.engram.config.CloudSettings;
import dev.engram.config.CloudSettingsFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram cloud config}: writes {@code cloud.json} (mode 0600) in the data directory. */
@Command(name = "config", description = "Set the cloud server, token and autosync for this machine (writes cloud.json, mode 0600).")
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", description = "Base URL of the cloud server (https, or http to a loopback host).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token; '-' reads it from standard input (keeps it out of shell history).")
    String token;

    @Option(names = "--autosync", paramLabel = "on|off", description = "Run the autosync manager inside 'engram serve' and 'engram mcp'.")
    String autosync;

    @Override
    public Integer call() throws IOException {
        Path dataDir = ((EngramCommand) spec.root().userObject()).dataDir();
        CloudSettings current = CloudSettingsFile.read(dataDir);
        URI newServer = server != null ? CloudSettings.parseServer("--server", server) : current.server();
        if (newServer == null) {
            throw new InvalidInputException("--server", "--server is required: no cloud server is configured yet");
        }
        String newToken = current.token();
        if (token != null) {
            newToken = token.equals("-") ? readStdin() : token.trim();
            if (newToken.isBlank()) {
                throw new InvalidInputException("--token", "--token must not be blank");
            }
        }
        boolean newAutosync = autosync != null ? CloudSettings.parseSwitch("--autosync", autosync) : current.autosync();
        CloudSettings settings = new CloudSettings(newServer, newToken, newAutosync);
        CloudSettingsFile.write(dataDir, settings);
        spec.commandLine().getOut().printf("server    %s%ntoken     %s%nautosync  %s%nsaved in  %s%n",
                settings.serverDisplay(), settings.token() == null ? "not set" : "set (not shown)",
                settings.autosync() ? "on" : "off", dataDir.resolve(CloudSettingsFile.FILE_NAME));
        return Cli.OK;
    }

    private static String readStdin() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        return line == null ? "" : line.trim();
    }
}
