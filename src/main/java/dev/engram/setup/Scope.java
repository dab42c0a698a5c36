package dev.engram.setup;

import dev.engram.base.InvalidInputException;
import java.util.Locale;

/** Where an agent's configuration is written: the user's own files, or the project's (the working directory). */
public enum Scope {
    USER, PROJECT;

    public static Scope parse(String value) {
        return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "user" -> USER;
            case "project" -> PROJECT;
            default -> throw new InvalidInputException("--scope", "--scope must be user or project, was '" + value + "'");
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
