package dev.engram.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchersTest {
    @TempDir
    Path dir;

    private Path executable(String path) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void aSourceCheckoutsJarGivesTheScriptAtTheRepositoryRoot() throws IOException {
        Path launcher = executable("repo/engram");
        Files.createDirectories(dir.resolve("repo/target"));
        Files.writeString(dir.resolve("repo/target/engram.jar"), "jar");
        assertThat(Launchers.nextTo(dir.resolve("repo/target/engram.jar"))).contains(launcher);
        Files.createDirectories(dir.resolve("repo/target/classes"));
        assertThat(Launchers.nextTo(dir.resolve("repo/target/classes"))).contains(launcher);
    }

    @Test
    void aReleaseArchivesJarGivesBinEngram() throws IOException {
        Path launcher = executable("engram-0.1/bin/engram");
        Files.createDirectories(dir.resolve("engram-0.1/lib"));
        Files.writeString(dir.resolve("engram-0.1/lib/engram.jar"), "jar");
        assertThat(Launchers.nextTo(dir.resolve("engram-0.1/lib/engram.jar"))).contains(launcher);
    }

    @Test
    void nothingIsFoundWhenTheLauncherIsMissingOrNotExecutable() throws IOException {
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(dir.resolve("elsewhere/engram.jar"), "jar");
        assertThat(Launchers.nextTo(dir.resolve("elsewhere/engram.jar"))).isEmpty();
        Files.createDirectories(dir.resolve("repo/target"));
        Files.writeString(dir.resolve("repo/target/engram.jar"), "jar");
        Files.writeString(dir.resolve("repo/engram"), "not executable");
        assertThat(Launchers.nextTo(dir.resolve("repo/target/engram.jar"))).isEmpty();
    }
}
