package dev.engram.cloud;

import dev.engram.base.EngramException;

/** The server's database failed; {@link #transientFailure()} when retrying later may succeed (connection lost, busy). */
final class CloudStoreException extends EngramException {
    private final boolean transientFailure;

    CloudStoreException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    boolean transientFailure() {
        return transientFailure;
    }
}
