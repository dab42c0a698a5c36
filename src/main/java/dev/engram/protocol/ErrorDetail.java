package dev.engram.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One problem in a rejected request: {@code index} is the entry's position in a push (null for
 * a request-level problem such as a query parameter), {@code field} the wire name, {@code problem}
 * a human sentence.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorDetail(
        @JsonProperty("index") Integer index,
        @JsonProperty("field") String field,
        @JsonProperty("problem") String problem) {

    /** A problem with the request as a whole or with one of its parameters. */
    public static ErrorDetail of(String field, String problem) {
        return new ErrorDetail(null, field, problem);
    }

    /** A problem with entry {@code index} of a push. */
    public static ErrorDetail atEntry(int index, String field, String problem) {
        return new ErrorDetail(index, field, problem);
    }
}
