package dev.engram.base;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.engram.logging.LogSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger logger = LogSetup.logback().getLogger("engram.files");
    private Level level;

    @BeforeEach
    void record() {
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void stopRecording() {
        logger.detachAppender(events);
        logger.setLevel(level);
    }

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void createsANewDirectoryForTheOwnerOnly() throws Exception {
        Path data = dir.resolve("home/.engram");
        PrivateFiles.directory(data);
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(events.list).as("creating is not tightening").isEmpty();
    }

    @Test
    void createsNewFilesForTheOwnerOnlyAndLeavesExistingContentAlone() throws Exception {
        Path file = dir.resolve("f");
        assertThat(PrivateFiles.createFile(file)).isTrue();
        assertThat(mode(file)).isEqualTo("rw-------");
        Files.writeString(file, "kept");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(PrivateFiles.createFile(file)).isFalse();
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("kept");
    }

    @Test
    void tightensAnExistingWiderDirectoryAndFileAndSaysSoOnceWithThePath() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.writeString(data.resolve("engram.db"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        PrivateFiles.directory(data);
        PrivateFiles.tighten(file);
        PrivateFiles.directory(data);
        PrivateFiles.tighten(file);

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(events.list).hasSize(2);
        assertThat(events.list.get(0).getLevel().toString()).isEqualTo("INFO");
        assertThat(events.list.get(0).getMessage()).isEqualTo("permissions tightened");
        assertThat(events.list.get(0).getKeyValuePairs().toString()).contains(data.toString()).contains("rwxr-xr-x");
        assertThat(events.list.get(1).getKeyValuePairs().toString()).contains(file.toString());
    }

    @Test
    void keepsTheOwnersOwnBitsAsTheyAre() throws Exception {
        Path file = Files.writeString(dir.resolve("ro"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
        PrivateFiles.tighten(file);
        assertThat(mode(file)).isEqualTo("r--------");
    }

    @Test
    void aMissingFileIsNothingToTighten() throws Exception {
        PrivateFiles.tighten(dir.resolve("missing"));
        assertThat(dir.resolve("missing")).doesNotExist();
        assertThat(events.list).isEmpty();
    }
}
