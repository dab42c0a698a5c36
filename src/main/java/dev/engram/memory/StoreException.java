package dev.engram.memory;

import dev.engram.base.EngramException;

/** The local database could not be opened, read or written; the message says which file and why. */
public class StoreException extends EngramException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
