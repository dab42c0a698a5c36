package dev.engram.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version and git commit this build came from, read from {@code dev/engram/build-info.properties}
 * (written at build time by {@code src/release/build-info.sh}). Without it (classes run from an IDE):
 * the jar manifest's version or {@code dev}, and commit {@code unknown}.
 */
public final class VersionProvider implements IVersionProvider {
    static final String RESOURCE = "/dev/engram/build-info.properties";

    /** The product version, for example {@code 0.1.0}. */
    public static String version() {
        String v = buildInfo().getProperty("version", "").trim();
        if (!v.isEmpty() && !v.contains("${")) {
            return v;
        }
        String manifest = VersionProvider.class.getPackage().getImplementationVersion();
        return manifest == null ? "dev" : manifest;
    }

    /** The abbreviated git commit of the build, {@code unknown} when it was not built from a git work tree. */
    public static String commit() {
        String c = buildInfo().getProperty("commit", "").trim();
        return c.isEmpty() || c.contains("${") ? "unknown" : c;
    }

    /** What {@code engram --version} prints. */
    static String describe() {
        return "engram " + version() + " (commit " + commit() + ")";
    }

    private static Properties buildInfo() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            // unreadable build info: fall back to the manifest and "unknown"
        }
        return p;
    }

    @Override
    public String[] getVersion() {
        return new String[] {describe()};
    }
}
