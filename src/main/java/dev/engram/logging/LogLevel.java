package dev.engram.logging;

import ch.qos.logback.classic.Level;
import dev.engram.base.InvalidInputException;
import java.util.Locale;

/** The levels {@code --log-level} accepts. */
public enum LogLevel {
    DEBUG(Level.DEBUG), INFO(Level.INFO), WARN(Level.WARN), ERROR(Level.ERROR);

    final Level logback;

    LogLevel(Level logback) {
        this.logback = logback;
    }

    public static LogLevel parse(String name, String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(name, name + " must be debug, info, warn or error, was '" + text + "'");
        }
    }
}
