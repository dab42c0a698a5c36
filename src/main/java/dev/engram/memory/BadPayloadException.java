package dev.engram.memory;

import dev.engram.base.EngramException;

/** A replicated or imported record cannot be applied as it is: a field is missing or malformed. */
public class BadPayloadException extends EngramException {
    public BadPayloadException(String message) {
        super(message);
    }
}
