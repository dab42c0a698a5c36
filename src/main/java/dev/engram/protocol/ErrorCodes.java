package dev.engram.protocol;

/** The {@code error_code} values of {@link ErrorResponse}, with the HTTP status each comes with. */
public final class ErrorCodes {
    /** 401: no token, a malformed {@code Authorization} header, or an unknown or revoked token. */
    public static final String UNAUTHORIZED = "unauthorized";
    /** 403: a valid token that is not granted a project named in the request; details name the projects. */
    public static final String FORBIDDEN = "forbidden";
    /** 400: malformed JSON, wrong types, missing fields, unknown values, bad parameters; details list every problem. */
    public static final String INVALID_REQUEST = "invalid_request";
    /**
     * 409: a push repeats a {@code mutation_id} already stored (or earlier in the same push) with a different
     * payload or from another token; nothing of the push was stored; details name every such entry.
     */
    public static final String MUTATION_CONFLICT = "mutation_conflict";
    /** 413: the body is larger than the server's push limit. */
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    /** 415: a push body that is declared as something other than JSON. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    /** 404: no such endpoint. */
    public static final String NOT_FOUND = "not_found";
    /** 405: the endpoint exists but not with this method. */
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    /** 503: the server is shutting down or its database is unreachable; retry later. */
    public static final String UNAVAILABLE = "unavailable";
    /** 500: a bug in the server; never caused by input. */
    public static final String INTERNAL_ERROR = "internal_error";

    private ErrorCodes() {
    }
}
