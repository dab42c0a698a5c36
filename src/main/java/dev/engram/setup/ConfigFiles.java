package dev.engram.setup;

import java.io.IOException;
import dev.engram.base.EngramException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reads and writes agents' files safely: UTF-8 only and at most {@value #MAX_BYTES} bytes; a
 * backup ({@code FILE.engram-backup}) made once, before the first change; writes go to a temporary
 * file in the same directory that replaces the file atomically, keeping its permissions; a symbolic
 * link is followed, so the file it points to is the one changed.
 */
final class ConfigFiles {
    static final int MAX_BYTES = 16 * 1024 * 1024;
    static final String BACKUP_SUFFIX = ".engram-backup";
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> NEW_SECRET_FILE = PosixFilePermissions.fromString("rw-------");

    /** The file's text, or null when it does not exist. */
    String read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new MalformedConfigException(file, "is not a regular file");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new MalformedConfigException(file, "is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedConfigException(file, "is not UTF-8 text");
        } catch (IOException e) {
            throw new EngramException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces (or creates, {@code rw-r--r--}) the file with {@code text}; returns the backup made now, or null. */
    Path write(Path file, String text) {
        return write(file, text, false);
    }

    /**
     * Replaces the file with {@code text}, keeping its mode; a file created now gets {@code rw-------}
     * when it holds a {@code secret}, else {@code rw-r--r--}. Returns the backup made now, or null.
     */
    Path write(Path file, String text, boolean secret) {
        try {
            Path target = Files.exists(file) ? file.toRealPath() : file;
            Path backup = backUp(target);
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".engram-tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                setMode(tmp, Files.exists(target) ? mode(target) : secret ? NEW_SECRET_FILE : NEW_FILE);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return backup;
        } catch (IOException e) {
            throw new EngramException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a file that held only what setup wrote (so there is nothing of the user's to back up);
     * a symbolic link's target is emptied instead, and the link kept.
     */
    void delete(Path file) {
        if (Files.isSymbolicLink(file)) {
            write(file, "");
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new EngramException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path backUp(Path target) throws IOException {
        Path backup = target.resolveSibling(target.getFileName() + BACKUP_SUFFIX);
        if (!Files.exists(target) || Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
        return backup;
    }

    private static Set<PosixFilePermission> mode(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        return view == null ? null : view.readAttributes().permissions();
    }

    private static void setMode(Path file, Set<PosixFilePermission> mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null && mode != null) {
            view.setPermissions(mode);
        }
    }
}
