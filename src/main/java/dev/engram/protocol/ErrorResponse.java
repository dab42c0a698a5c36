package dev.engram.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Every 4xx and 5xx body of the cloud server: {@code {"error_code", "error", "details"}}; see {@link ErrorCodes}. */
public record ErrorResponse(
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("error") String error,
        @JsonProperty("details") List<ErrorDetail> details) {
    public ErrorResponse {
        details = details == null ? List.of() : List.copyOf(details);
    }
}
