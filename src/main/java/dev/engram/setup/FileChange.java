package dev.engram.setup;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One file's text before and after setup (null: the file does not exist, or is deleted), what changed
 * in it, and whether it holds a secret afterwards (the serve token of an MCP entry over HTTP).
 */
public record FileChange(Path file, String before, String after, List<String> what, boolean secret) {
    public FileChange {
        what = List.copyOf(what);
    }

    public boolean changed() {
        return !Objects.equals(before, after);
    }

    /** A unified diff of the change, labelled with the file's path, every bearer credential in it shown as {@code Bearer ****}. */
    public String diff() {
        return HttpEndpoint.mask(UnifiedDiff.of(before == null ? "" : before, after == null ? "" : after,
                before == null ? "/dev/null" : file.toString(), after == null ? "/dev/null" : file.toString()));
    }
}
