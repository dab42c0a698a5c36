package dev.engram.transport;

import dev.engram.base.EngramException;
import java.util.List;
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
    private final List<RefusedEntry> refusedEntries;

    public TransportException(FailureKind kind, int status, String errorCode, String message, Throwable cause) {
        this(kind, status, errorCode, message, cause, List.of());
    }

    private TransportException(FailureKind kind, int status, String errorCode, String message, Throwable cause,
            List<RefusedEntry> refusedEntries) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.errorCode = errorCode;
        this.refusedEntries = List.copyOf(refusedEntries);
    }

    /** The server answered {@code status} (with its {@code error_code}, or null). */
    public static TransportException http(int status, String errorCode, String message) {
        return http(status, errorCode, message, List.of());
    }

    /** The server answered {@code status} and named the entries of the push it refused ({@code details[].index}). */
    public static TransportException http(int status, String errorCode, String message, List<RefusedEntry> refused) {
        return new TransportException(FailureKind.HTTP_STATUS, status, errorCode, message, null, refused);
    }

    /** A response larger than this client takes for the request. */
    public static TransportException tooLarge(String message) {
        return new TransportException(FailureKind.RESPONSE_TOO_LARGE, 0, null, message, null);
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

    /** The entries of a push the server named in its refusal (empty when it named none). */
    public List<RefusedEntry> refusedEntries() {
        return refusedEntries;
    }
}
