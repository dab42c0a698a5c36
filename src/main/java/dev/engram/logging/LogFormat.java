package dev.engram.logging;

import dev.engram.base.InvalidInputException;
import java.util.Locale;

/** The built-in output formats of {@code --log-format}; each writes exactly one event per line. */
public enum LogFormat {
    TEXT, JSON, LOGFMT;

    public static LogFormat parse(String name, String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(name, name + " must be text, json or logfmt, was '" + text + "'");
        }
    }
}
