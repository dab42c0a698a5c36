package dev.engram.memory;

import dev.engram.base.InvalidInputException;
import dev.engram.base.Limits;
import java.util.Locale;
import java.util.regex.Pattern;

/** Project names as the contract defines them: trimmed, lower-case, runs of {@code -}/{@code _} collapsed. */
public final class Projects {
    private static final Pattern SEPARATOR_RUN = Pattern.compile("[-_]{2,}");

    private Projects() {
    }

    /** The normalized name, or null when {@code raw} is null or blank. */
    public static String normalizeOrNull(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        return SEPARATOR_RUN.matcher(lower).replaceAll(m -> m.group().substring(0, 1));
    }

    /**
     * The normalized name; a blank one, one longer than {@link Limits#MAX_KEY_CHARS} or one with a NUL
     * character is an error naming {@code field}.
     */
    public static String normalize(String field, String raw) {
        String name = normalizeOrNull(raw);
        if (name == null) {
            throw new InvalidInputException(field, field + " must not be blank");
        }
        // Checked on the raw text too: trimming would quietly drop a NUL at either end.
        String problem = Limits.textProblem(raw.indexOf('\0') >= 0 ? raw : name, Limits.MAX_KEY_CHARS);
        if (problem != null) {
            throw new InvalidInputException(field, field + " " + problem);
        }
        return name;
    }
}
