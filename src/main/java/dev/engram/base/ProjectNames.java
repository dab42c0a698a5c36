package dev.engram.base;

import java.util.Locale;
import java.util.regex.Pattern;

/** The project name rule of contract section 2 (one rule for the store, the protocol and the server): trimmed, lower-case, runs of {@code -}/{@code _} collapsed to their first character. */
public final class ProjectNames {
    private static final Pattern SEPARATOR_RUN = Pattern.compile("([-_])[-_]+");

    private ProjectNames() {
    }

    /** The normalized form of {@code name}; blank stays blank (callers reject it). */
    public static String normalize(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return SEPARATOR_RUN.matcher(lower).replaceAll("$1");
    }

    /** Whether {@code name} is non-blank and already normalized. */
    public static boolean isNormalized(String name) {
        return name != null && !name.isBlank() && normalize(name).equals(name);
    }
}
