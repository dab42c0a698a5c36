package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export holds all of the user's memory: the file is the owner's only, new or replaced. */
class PrivateExportTest {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.resolve("data").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.of(MemoryCommands.all(), all);
    }

    @Test
    void exportFilesAreReadableByTheOwnerOnly() throws Exception {
        assertThat(run("save", "Use WAL", "readers never block", "--project", "demo").exitCode()).isZero();
        Path file = dir.resolve("backup.json");
        assertThat(run("export", file.toString()).exitCode()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("Use WAL");

        // Replacing an existing world-readable export leaves a private one.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(dir.resolve("backup.json.partial"), "stale");
        Files.setPosixFilePermissions(dir.resolve("backup.json.partial"), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(run("export", file.toString()).exitCode()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("Use WAL");
        assertThat(dir.resolve("backup.json.partial")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data")))).isEqualTo("rwx------");
    }
}
