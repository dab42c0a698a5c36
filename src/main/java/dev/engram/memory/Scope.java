package dev.engram.memory;

import dev.engram.base.InvalidInputException;
import java.util.Locale;

/** Who an observation is for: the whole project, or only its author. */
public enum Scope {
    PROJECT, PERSONAL;

    /** The wire name: {@code project} or {@code personal}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a wire name; null or blank means {@link #PROJECT}. {@code field} names the value in errors. */
    public static Scope parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return PROJECT;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "project" -> PROJECT;
            case "personal" -> PERSONAL;
            default -> throw new InvalidInputException(field, field + " must be project or personal, was '" + text + "'");
        };
    }
}
