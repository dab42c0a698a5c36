package dev.engram.base;

/** The one unchecked root of every failure Engram reports on purpose. Messages name the thing and the value. */
public class EngramException extends RuntimeException {
    public EngramException(String message) {
        super(message);
    }

    public EngramException(String message, Throwable cause) {
        super(message, cause);
    }
}
