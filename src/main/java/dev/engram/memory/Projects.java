package dev.engram.memory;

import dev.engram.base.InvalidInputException;
import dev.engram.base.Limits;
import dev.engram.base.ProjectNames;

/** Project names as the store takes them: {@link ProjectNames}' rule, and the limits of a key. */
public final class Projects {
    private Projects() {
    }

    /** The normalized name, or null when {@code raw} is null or blank. */
    public static String normalizeOrNull(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return ProjectNames.normalize(raw);
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
