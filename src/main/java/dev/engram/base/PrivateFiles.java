package dev.engram.base;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the user's data readable by the user alone: the data directory 0700, its files and exports
 * 0600. Creates them that way, and tightens an existing wider one (it is the user's own data), logging
 * that once at INFO with the path. On a file system without POSIX permissions it does nothing.
 *
 * <p>Java cannot set a umask, so a file another library creates (SQLite's database, {@code -wal} and
 * {@code -shm}) is created here first or tightened right after.
 */
public final class PrivateFiles {
    /** Written directly with SLF4J: {@code base} depends on nothing else of Engram. */
    private static final Logger log = LoggerFactory.getLogger("engram.files");
    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) with mode 0700, or tightens it when it exists. */
    public static Path directory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (!Files.isDirectory(absolute)) {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            try {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(absolute);
            } catch (FileAlreadyExistsException raced) {
                // another process created it meanwhile: tighten it below like any existing directory
                if (!Files.isDirectory(absolute)) {
                    throw raced;
                }
            }
        }
        tighten(absolute);
        return absolute;
    }

    /**
     * Creates {@code file} empty with mode 0600 when it does not exist; an existing one is tightened.
     * Returns whether this call created it.
     */
    public static boolean createFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return true;
        } catch (UnsupportedOperationException e) {
            try {
                Files.createFile(file);
                return true;
            } catch (FileAlreadyExistsException exists) {
                return false;
            }
        } catch (FileAlreadyExistsException exists) {
            tighten(file);
            return false;
        }
    }

    /**
     * Removes every group and others permission from {@code path} when it exists (0644 becomes 0600,
     * 0755 becomes 0700) and says so at INFO. A missing file or a non-POSIX file system is no error.
     */
    public static void tighten(Path path) throws IOException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException | java.nio.file.NoSuchFileException e) {
            return;
        }
        Set<PosixFilePermission> tightened = EnumSet.noneOf(PosixFilePermission.class);
        tightened.addAll(perms);
        if (!tightened.removeAll(GROUP_AND_OTHERS)) {
            return;
        }
        Files.setPosixFilePermissions(path, tightened);
        log.atInfo().setMessage("permissions tightened").addKeyValue("component", "files")
                .addKeyValue("path", path.toString()).addKeyValue("from", PosixFilePermissions.toString(perms))
                .addKeyValue("to", PosixFilePermissions.toString(tightened)).log();
    }
}
