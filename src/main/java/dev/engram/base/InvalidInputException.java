package dev.engram.base;

/**
 * The caller gave a value that is not acceptable. Front doors map it to exit code 2, HTTP 400 or an
 * MCP error result; nothing has been changed when it is thrown.
 */
public class InvalidInputException extends EngramException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The wire or argument name of the offending value, for example {@code title}. */
    public String field() {
        return field;
    }
}
