package dev.engram.config;

import dev.engram.base.EngramException;
import dev.engram.base.InvalidInputException;
import dev.engram.base.PrivateFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code cloud.json} in the data directory: {@code {"server": ..., "token": ..., "autosync": bool}},
 * written atomically with mode 0600 because it holds a token.
 */
public final class CloudSettingsFile {
    public static final String FILE_NAME = "cloud.json";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private CloudSettingsFile() {
    }

    /** The settings stored in {@code dataDir}, or {@link CloudSettings#NONE} when there is no file. */
    public static CloudSettings read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return CloudSettings.NONE;
        }
        try {
            PrivateFiles.tighten(file);
        } catch (IOException notOurs) {
            // a file we may read but not chmod (another owner): read it as it is
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | JacksonException e) {
            throw new EngramException(file + " cannot be read as JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "); fix it or run 'engram cloud config' again");
        }
        if (n == null || !n.isObject()) {
            throw new EngramException(file + " must hold a JSON object; run 'engram cloud config' again");
        }
        String server = n.path("server").isString() ? n.path("server").stringValue() : null;
        String token = n.path("token").isString() ? n.path("token").stringValue() : null;
        boolean autosync = n.path("autosync").asBoolean(false);
        try {
            return new CloudSettings(server == null || server.isBlank() ? null : CloudSettings.parseServer("server", server),
                    token == null || token.isBlank() ? null : token, autosync);
        } catch (InvalidInputException e) {
            throw new EngramException(file + ": " + e.getMessage());
        }
    }

    /** Replaces {@code cloud.json} with {@code settings}, readable by the owner only. */
    public static void write(Path dataDir, CloudSettings settings) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("server", settings.serverDisplay());
        n.put("token", settings.token());
        n.put("autosync", settings.autosync());
        try {
            PrivateFiles.directory(dataDir);
            Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
            Files.deleteIfExists(tmp);
            PrivateFiles.createFile(tmp);
            Files.writeString(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dataDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EngramException("cannot write " + dataDir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The effective settings: {@code ENGRAM_CLOUD_SERVER}, {@code ENGRAM_CLOUD_TOKEN} and
     * {@code ENGRAM_CLOUD_AUTOSYNC} override the file, value by value.
     */
    public static CloudSettings resolve(Path dataDir, Map<String, String> env) {
        CloudSettings file = read(dataDir);
        URI server = file.server();
        String token = file.token();
        boolean autosync = file.autosync();
        String envServer = env.get("ENGRAM_CLOUD_SERVER");
        if (envServer != null && !envServer.isBlank()) {
            server = CloudSettings.parseServer("ENGRAM_CLOUD_SERVER", envServer);
        }
        String envToken = env.get("ENGRAM_CLOUD_TOKEN");
        if (envToken != null && !envToken.isBlank()) {
            token = envToken.trim();
        }
        String envAutosync = env.get("ENGRAM_CLOUD_AUTOSYNC");
        if (envAutosync != null && !envAutosync.isBlank()) {
            autosync = CloudSettings.parseSwitch("ENGRAM_CLOUD_AUTOSYNC", envAutosync);
        }
        return new CloudSettings(server, token, autosync);
    }
}
