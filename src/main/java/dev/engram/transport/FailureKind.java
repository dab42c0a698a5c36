package dev.engram.transport;

/** What went wrong in one exchange with the server, before anyone decided what it means. */
public enum FailureKind {
    /** The server answered with a non-200 status; {@link TransportException#status()} holds it. */
    HTTP_STATUS,
    /** No connection could be made (refused, unknown host, no route). */
    CONNECT,
    /** The connection broke during the exchange (reset, closed early). */
    RESET,
    /** The connect or request timeout passed. */
    TIMEOUT,
    /** An answer larger than the client takes for the request (a pull of several mutations is asked again in smaller pages). */
    RESPONSE_TOO_LARGE,
    /** A 200 whose body breaks the protocol (not JSON, missing fields, a page that does not move forward). */
    MALFORMED_RESPONSE
}
