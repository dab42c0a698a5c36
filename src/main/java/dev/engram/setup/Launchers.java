package dev.engram.setup;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds this installation's launcher from where its code is: {@code target/engram.jar} (or
 * {@code target/classes}) of a source checkout gives the {@code ./engram} script at the repository
 * root; {@code lib/engram.jar} of a release archive gives {@code bin/engram}.
 */
public final class Launchers {
    private Launchers() {
    }

    /** The launcher next to the running code, if there is one. */
    public static Optional<Path> ofRunningCode() {
        try {
            CodeSource source = Launchers.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : nextTo(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The launcher of the installation whose code is {@code codeSource} (a jar or a classes directory). */
    static Optional<Path> nextTo(Path codeSource) {
        Path code = codeSource.toAbsolutePath().normalize();
        Path dir = Files.isDirectory(code) ? code : code.getParent();
        List<Path> candidates = new ArrayList<>();
        if (dir != null && dir.getParent() != null) {
            String name = String.valueOf(dir.getFileName());
            if (name.equals("lib")) {
                candidates.add(dir.getParent().resolve("bin").resolve("engram"));
            } else if (name.equals("target")) {
                candidates.add(dir.getParent().resolve("engram"));
            } else if (name.equals("classes") && String.valueOf(dir.getParent().getFileName()).equals("target")
                    && dir.getParent().getParent() != null) {
                candidates.add(dir.getParent().getParent().resolve("engram"));
            }
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }
}
