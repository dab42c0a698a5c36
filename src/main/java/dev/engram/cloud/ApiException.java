package dev.engram.cloud;

import dev.engram.protocol.ErrorCodes;
import dev.engram.protocol.ErrorDetail;
import dev.engram.protocol.ErrorResponse;
import java.util.List;

/** An expected refusal of a request: its HTTP status and the body it becomes. Nothing was stored when it is thrown. */
final class ApiException extends RuntimeException {
    private final int status;
    private final ErrorResponse body;

    ApiException(int status, String code, String message, List<ErrorDetail> details) {
        super(message, null, false, false);
        this.status = status;
        this.body = new ErrorResponse(code, message, details);
    }

    static ApiException invalid(String message, List<ErrorDetail> details) {
        return new ApiException(400, ErrorCodes.INVALID_REQUEST, message, details);
    }

    static ApiException invalid(String field, String problem) {
        return invalid(problem, List.of(ErrorDetail.of(field, problem)));
    }

    /** 409: the push reuses mutation ids of other writes ({@code conflicts} names each entry); nothing was stored. */
    static ApiException conflict(List<ErrorDetail> conflicts) {
        return new ApiException(409, ErrorCodes.MUTATION_CONFLICT, conflicts.size() + " "
                + (conflicts.size() == 1 ? "entry reuses the mutation_id" : "entries reuse the mutation_ids")
                + " of another write (a different payload or another origin); nothing was stored", conflicts);
    }

    static ApiException unauthorized(String reason) {
        return new ApiException(401, ErrorCodes.UNAUTHORIZED, reason, List.of());
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(413, ErrorCodes.PAYLOAD_TOO_LARGE,
                "request body exceeds the server's limit of " + limit + " bytes; push fewer or smaller entries", List.of());
    }

    int status() {
        return status;
    }

    ErrorResponse body() {
        return body;
    }
}
