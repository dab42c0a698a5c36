package dev.engram.base;

/** The thing the caller named does not exist, for example "observation 42 not found". */
public class NotFoundException extends EngramException {
    public NotFoundException(String message) {
        super(message);
    }
}
