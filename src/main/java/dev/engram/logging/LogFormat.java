package dev.engram.logging;

import dev.engram.base.InvalidInputException;
import java.util.Locale;

/** The built-in output formats of {@code --log-format}; each writes exactly one event per line. */
public enum LogFormat {
    TEXT, JSON, LOGFMT;

    /** The format {@code text} names, or null when it names none. */
    public static LogFormat parseOrNull(String text) {
        for (LogFormat f : values()) {
            if (text != null && f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        return null;
    }

    public static LogFormat parse(String name, String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(name, name + " must be text, json or logfmt, was '" + text + "'");
        }
    }
}
