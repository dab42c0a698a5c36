package dev.engram.api;

import dev.engram.base.EngramException;
import dev.engram.base.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The local API's bearer token, kept in {@code serve-token} in the data directory (mode 0600):
 * 32 random bytes, base64url without padding. Created on first need; delete the file and restart
 * {@code serve} to replace it. The token is never logged.
 */
public final class ServeToken implements RequestGuard.TokenCheck {
    public static final String FILE_NAME = "serve-token";
    private static final int RANDOM_BYTES = 32;
    /** What a token file may hold (one a user wrote by hand too): 32 to 512 visible, unspaced characters. */
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{32,512}");

    private final Path dataDir;
    private final RandomGenerator random;
    private volatile String cached;

    private ServeToken(Path dataDir, RandomGenerator random) {
        this.dataDir = dataDir;
        this.random = random;
    }

    /** The token of the data directory {@code dataDir}, made from {@link SecureRandom} when created. */
    public static ServeToken in(Path dataDir) {
        return new ServeToken(dataDir, new SecureRandom());
    }

    public Path file() {
        return dataDir.resolve(FILE_NAME);
    }

    /** The token, creating the file (and a private data directory) when there is none yet. */
    public String readOrCreate() {
        Optional<String> existing = read();
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String created = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path tmp = dataDir.resolve(FILE_NAME + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            PrivateFiles.directory(dataDir);
            Files.deleteIfExists(tmp);
            PrivateFiles.createFile(tmp);
            Files.writeString(tmp, created + "\n", StandardCharsets.UTF_8);
            try {
                // No REPLACE_EXISTING: when another process created one meanwhile, both use that one.
                Files.move(tmp, file());
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
                return read().orElseThrow(() -> new EngramException(file() + " vanished while it was being created"));
            }
        } catch (IOException e) {
            throw new EngramException("cannot create " + file() + ": " + e.getMessage(), e);
        }
        cached = created;
        return created;
    }

    /** The token in the file, or empty when there is no file. A file that holds no valid token is an error. */
    public Optional<String> read() {
        String known = cached;
        if (known != null) {
            return Optional.of(known);
        }
        String text;
        try {
            PrivateFiles.tighten(file());
            text = Files.readString(file(), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new EngramException("cannot read " + file() + ": " + e.getMessage(), e);
        }
        if (!VALID.matcher(text).matches()) {
            throw new EngramException(file() + " does not hold a token (32 to 512 visible characters on one line);"
                    + " delete it and a new one is created");
        }
        cached = text;
        return Optional.of(text);
    }

    /** Compares in constant time (digests of equal length); false when there is no token file. */
    @Override
    public boolean matches(String presented) {
        Optional<String> expected;
        try {
            expected = read();
        } catch (EngramException unreadable) {
            return false;
        }
        return expected.isPresent() && MessageDigest.isEqual(sha256(expected.get()), sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
