package dev.engram.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What the resolver needs from a git working tree, read from git's own files: the top-level
 * directory (the one holding {@code .git}) and the URL of the remote {@code origin}. A {@code .git}
 * FILE (a linked worktree or a submodule) points to the real git directory; that directory's
 * {@code commondir} names the shared one whose {@code config} holds the remotes.
 */
record GitRepository(Path topLevel, String originUrl) {
    /** Files bigger than this are not git's: read no further. */
    static final int MAX_CONFIG_BYTES = 1 << 20;
    private static final int MAX_POINTER_BYTES = 4096;

    /**
     * The repository that contains {@code start}, or null when there is none. Never throws: a file
     * that cannot be read is reported to {@code notes} and what is known is returned.
     */
    static GitRepository find(Path start, Consumer<String> notes) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path dotGit = dir.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                return new GitRepository(dir, origin(dotGit, notes));
            }
            if (Files.isRegularFile(dotGit)) {
                Path gitDir = pointedGitDir(dotGit, notes);
                return new GitRepository(dir, gitDir == null ? null : origin(commonDir(gitDir, notes), notes));
            }
        }
        return null;
    }

    /** {@code gitdir: PATH} in a {@code .git} file, relative to the file's directory. */
    private static Path pointedGitDir(Path dotGitFile, Consumer<String> notes) {
        String text = readSmall(dotGitFile, MAX_POINTER_BYTES, notes);
        if (text == null) {
            return null;
        }
        for (String line : text.split("\\R")) {
            if (line.startsWith("gitdir:")) {
                Path p = path(dotGitFile.getParent(), line.substring("gitdir:".length()).strip(), notes);
                if (p != null && Files.isDirectory(p)) {
                    return p;
                }
                notes.accept(dotGitFile + " points to a git directory that does not exist");
                return null;
            }
        }
        notes.accept(dotGitFile + " has no 'gitdir:' line");
        return null;
    }

    /** The shared git directory of a linked worktree ({@code commondir}), else {@code gitDir} itself. */
    private static Path commonDir(Path gitDir, Consumer<String> notes) {
        Path file = gitDir.resolve("commondir");
        if (!Files.isRegularFile(file)) {
            return gitDir;
        }
        String text = readSmall(file, MAX_POINTER_BYTES, notes);
        if (text == null || text.isBlank()) {
            return gitDir;
        }
        Path p = path(gitDir, text.strip(), notes);
        return p != null && Files.isDirectory(p) ? p : gitDir;
    }

    private static String origin(Path gitDir, Consumer<String> notes) {
        Path config = gitDir.resolve("config");
        if (!Files.isRegularFile(config)) {
            return null;
        }
        String text = readSmall(config, MAX_CONFIG_BYTES, notes);
        return text == null ? null : originUrl(text);
    }

    /**
     * The {@code url} of {@code [remote "origin"]} in git config text (also the old {@code [remote.origin]}
     * form); the first one wins. Comments ({@code #}, {@code ;}) and quotes are handled; anything else
     * unreadable is skipped.
     */
    static String originUrl(String config) {
        boolean inOrigin = false;
        for (String raw : config.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                int end = line.indexOf(']');
                String header = end < 0 ? "" : line.substring(1, end).strip();
                inOrigin = header.equals("remote \"origin\"") || header.equalsIgnoreCase("remote.origin");
                if (end < 0 || line.substring(end + 1).strip().isEmpty()) {
                    continue;
                }
                line = line.substring(end + 1).strip(); // key = value on the header line
            }
            if (!inOrigin || line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0 || !line.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("url")) {
                continue;
            }
            String value = value(line.substring(eq + 1).strip());
            if (!value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private static String value(String v) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '#' || ch == ';')) {
                break;
            } else if (ch == '\\' && i + 1 < v.length()) {
                out.append(v.charAt(++i));
            } else {
                out.append(ch);
            }
        }
        return out.toString().strip();
    }

    private static Path path(Path base, String text, Consumer<String> notes) {
        try {
            return base.resolve(text).normalize();
        } catch (InvalidPathException e) {
            notes.accept("unusable path in git files: " + e.getMessage());
            return null;
        }
    }

    private static String readSmall(Path file, int max, Consumer<String> notes) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                notes.accept(file + " is larger than " + max + " bytes; not read");
                return null;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            notes.accept(file + " could not be read: " + e.getMessage());
            return null;
        }
    }
}
