package dev.engram.memory;

import dev.engram.base.InvalidInputException;
import dev.engram.base.Limits;

/**
 * What a local caller may give the store (contract 8.5, "sane values only"): the ranges of
 * {@link Limits}, so that nothing saved here is later refused by the cloud server and blocks the
 * project's outbound sync. Every refusal is an {@link InvalidInputException} naming the field; the
 * store checks before it writes anything.
 */
final class Inputs {
    /** Observation types are short labels; stricter than {@link Limits#MAX_KEY_CHARS}. */
    static final int MAX_TYPE_CHARS = 100;
    /** Tool names; stricter than {@link Limits#MAX_KEY_CHARS}. */
    static final int MAX_TOOL_NAME_CHARS = 200;
    /** The session a write without a session id is filed under: {@code manual-<project>}. */
    static final String MANUAL_SESSION_PREFIX = "manual-";

    private Inputs() {
    }

    /** {@code value} stripped; blank is an error, and so is a value out of range. */
    static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " must not be blank");
        }
        return checked(field, value.strip(), max);
    }

    /** {@code value} stripped, or null when null or blank; a value out of range is an error. */
    static String optional(String field, String value, int max) {
        return value == null || value.isBlank() ? null : checked(field, value.strip(), max);
    }

    /** Required text with its {@code <private>} spans redacted; the range applies to what is stored. */
    static String redacted(String field, String value, int max) {
        return checked(field, Redaction.redact(required(field, value, Integer.MAX_VALUE)), max);
    }

    /** {@code value} itself when it has at most {@code max} characters and no NUL. */
    static String checked(String field, String value, int max) {
        String problem = Limits.textProblem(value, max);
        if (problem != null) {
            throw new InvalidInputException(field, field + " " + problem);
        }
        return value;
    }

    /** The given session id, or the project's manual session when none is given. */
    static String sessionOrManual(String field, String sessionId, String project) {
        String given = optional(field, sessionId, Limits.MAX_KEY_CHARS);
        if (given != null) {
            return given;
        }
        String manual = MANUAL_SESSION_PREFIX + project;
        if (manual.length() > Limits.MAX_KEY_CHARS) {
            // The default session id must itself be a valid key, or the server would refuse it.
            throw new InvalidInputException("project", "project is " + project.length() + " characters long, at most "
                    + (Limits.MAX_KEY_CHARS - MANUAL_SESSION_PREFIX.length()) + " without a " + field
                    + " (its default session is " + MANUAL_SESSION_PREFIX + "<project>)");
        }
        return manual;
    }
}
