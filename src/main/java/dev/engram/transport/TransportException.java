package dev.engram.transport;

import dev.engram.base.EngramException;
import java.util.Objects;

/**
 * One exchange with the server failed. Carries what is known of the failure (its kind, the HTTP status
 * and the server's {@code error_code} when there was a response) for {@link FailureClassifier}; the
 * message is one line that names the request and never contains a token.
 */
public class TransportException extends EngramException {
    private final FailureKind kind;
    private final int status;
    private final String errorCode;

    public TransportException(FailureKind kind, int status, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The server answered {@code status} (with its {@code error_code}, or null). */
    public static TransportException http(int status, String errorCode, String message) {
        return new TransportException(FailureKind.HTTP_STATUS, status, errorCode, message, null);
    }

    /** No status: the exchange failed below HTTP. */
    public static TransportException of(FailureKind kind, String message, Throwable cause) {
        return new TransportException(kind, 0, null, message, cause);
    }

    /** A response that breaks the protocol. */
    public static TransportException malformed(String message) {
        return new TransportException(FailureKind.MALFORMED_RESPONSE, 0, null, message, null);
    }

    public FailureKind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }

    /** The server's {@code error_code}, or null. */
    public String errorCode() {
        return errorCode;
    }
}
