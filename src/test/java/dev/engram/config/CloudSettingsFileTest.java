package dev.engram.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudSettingsFileTest {
    @TempDir
    Path dir;

    @Test
    void writesTheFileReadableByTheOwnerOnlyAndReadsItBack() throws Exception {
        CloudSettings s = new CloudSettings(URI.create("https://engram.example.com"), "egr_secret", true);
        CloudSettingsFile.write(dir, s);
        Path file = dir.resolve("cloud.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(CloudSettingsFile.read(dir)).isEqualTo(s);
    }

    @Test
    void aWorldReadableFileAndDirectoryAreTightenedWhenRead() throws Exception {
        CloudSettings s = new CloudSettings(URI.create("https://engram.example.com"), "egr_secret", false);
        CloudSettingsFile.write(dir.resolve("data"), s);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data")))).isEqualTo("rwx------");
        Path file = dir.resolve("data/cloud.json");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(CloudSettingsFile.read(dir.resolve("data"))).isEqualTo(s);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void environmentOverridesTheFileValueByValue() {
        CloudSettingsFile.write(dir, new CloudSettings(URI.create("https://a.example.com"), "file-token", false));
        CloudSettings s = CloudSettingsFile.resolve(dir, Map.of("ENGRAM_CLOUD_TOKEN", "env-token", "ENGRAM_CLOUD_AUTOSYNC", "1"));
        assertThat(s).isEqualTo(new CloudSettings(URI.create("https://a.example.com"), "env-token", true));
        assertThat(s.autosyncEnabled()).isTrue();
        assertThat(CloudSettingsFile.resolve(dir.resolve("none"), Map.of()).configured()).isFalse();
    }

    @Test
    void tokensTravelOnlyOverHttpsOrToLoopback() {
        assertThat(CloudSettings.parseServer("--server", "http://127.0.0.1:8080/")).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(CloudSettings.parseServer("--server", "http://localhost:8080")).isNotNull();
        assertThatThrownBy(() -> CloudSettings.parseServer("--server", "http://engram.example.com"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> CloudSettings.parseServer("--server", "https://user:pw@engram.example.com"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("credentials");
        assertThatThrownBy(() -> CloudSettings.parseServer("ENGRAM_CLOUD_SERVER", "ftp://x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ENGRAM_CLOUD_SERVER");
    }

    @Test
    void aBadSwitchValueNamesTheVariable() {
        assertThatThrownBy(() -> CloudSettingsFile.resolve(dir, Map.of("ENGRAM_CLOUD_AUTOSYNC", "maybe")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ENGRAM_CLOUD_AUTOSYNC");
    }
}
