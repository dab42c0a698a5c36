package dev.engram.transport;

import dev.engram.transport.Failure.Disposition;
import dev.engram.transport.Failure.Scope;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/**
 * The one place that decides what a failed exchange means: its {@link ReasonCode}, whether retrying
 * heals it, and whether it concerns the whole server or one request. Everything else (status record,
 * log events, backoff, the exit code of {@code engram sync}) reads the {@link Failure} it returns.
 */
public final class FailureClassifier {
    private FailureClassifier() {
    }

    /** Classifies anything thrown while syncing. Never throws. */
    public static Failure classify(Throwable thrown) {
        // Our transports report every failure of an exchange as a TransportException: classify by what it saw.
        if (thrown instanceof TransportException e) {
            return classifyExchange(e);
        }
        // A transport that let a timeout escape unwrapped: still the network, still worth retrying.
        if (thrown instanceof HttpTimeoutException || thrown instanceof SocketTimeoutException) {
            return new Failure(ReasonCode.TRANSPORT_FAILED, Disposition.RETRY, Scope.SERVER, describe(thrown));
        }
        // Same for refused connections and unknown hosts: the server is unreachable from here right now.
        if (thrown instanceof ConnectException || thrown instanceof UnknownHostException) {
            return new Failure(ReasonCode.TRANSPORT_FAILED, Disposition.RETRY, Scope.SERVER, describe(thrown));
        }
        // Any other I/O failure during an exchange is a broken connection.
        if (thrown instanceof IOException) {
            return new Failure(ReasonCode.TRANSPORT_FAILED, Disposition.RETRY, Scope.SERVER, describe(thrown));
        }
        // Anything else is a bug or a local failure (disk, database lock): retried with backoff, but reported.
        return new Failure(ReasonCode.INTERNAL_ERROR, Disposition.NEEDS_HUMAN, Scope.SERVER, describe(thrown));
    }

    private static Failure classifyExchange(TransportException e) {
        String error = describe(e);
        // A 200 whose body breaks the protocol: a version mismatch or a server bug; retrying alone will not fix it.
        if (e.kind() == FailureKind.MALFORMED_RESPONSE || e.kind() == FailureKind.RESPONSE_TOO_LARGE) {
            return new Failure(ReasonCode.PROTOCOL_ERROR, Disposition.NEEDS_HUMAN, Scope.REQUEST, error);
        }
        // No HTTP answer at all (refused, reset, timed out): the network or the server is down; it heals.
        if (e.kind() != FailureKind.HTTP_STATUS) {
            return new Failure(ReasonCode.TRANSPORT_FAILED, Disposition.RETRY, Scope.SERVER, error);
        }
        int status = e.status();
        // 401: the token is unknown or revoked; every request will get the same answer until it is replaced.
        if (status == 401) {
            return new Failure(ReasonCode.AUTH_REQUIRED, Disposition.NEEDS_HUMAN, Scope.SERVER, error);
        }
        // 403: the token is valid but not granted this project; other projects and the pull still work.
        if (status == 403) {
            return new Failure(ReasonCode.POLICY_FORBIDDEN, Disposition.NEEDS_HUMAN, Scope.REQUEST, error);
        }
        // 404: the URL does not lead to an Engram cloud server of this protocol (wrong path or too old).
        if (status == 404) {
            return new Failure(ReasonCode.SERVER_UNSUPPORTED, Disposition.NEEDS_HUMAN, Scope.SERVER, error);
        }
        // 409: a mutation id the server already holds with another payload (a copied or restored database);
        // the engine takes a new replica identity and pushes again, so this is reported only if that fails too.
        if (status == 409) {
            return new Failure(ReasonCode.MUTATION_CONFLICT, Disposition.NEEDS_HUMAN, Scope.REQUEST, error);
        }
        // 413: this batch is over the server's body limit; it will be refused again until a limit changes.
        if (status == 413) {
            return new Failure(ReasonCode.PAYLOAD_TOO_LARGE, Disposition.NEEDS_HUMAN, Scope.REQUEST, error);
        }
        // 429: the server asks us to slow down: backing off is exactly the cure, for every request.
        if (status == 429) {
            return new Failure(ReasonCode.RATE_LIMITED, Disposition.RETRY, Scope.SERVER, error);
        }
        // 5xx: the server failed on this request; it is expected to recover, and other requests may succeed.
        if (status >= 500 && status <= 599) {
            return new Failure(ReasonCode.SERVER_ERROR, Disposition.RETRY, Scope.REQUEST, error);
        }
        // Any other status (400 validation, 3xx, unexpected 4xx): client and server disagree about the protocol.
        return new Failure(ReasonCode.PROTOCOL_ERROR, Disposition.NEEDS_HUMAN, Scope.REQUEST, error);
    }

    /** One line: the message of our own exceptions, the type and message of foreign ones. */
    private static String describe(Throwable thrown) {
        String message = thrown.getMessage();
        if (thrown instanceof dev.engram.base.EngramException && message != null && !message.isBlank()) {
            return message;
        }
        String type = thrown.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
