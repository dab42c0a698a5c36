package dev.engram.cloud;

import dev.engram.base.InvalidInputException;

/** A token with this name exists already (names stay taken after revocation, so audit logs stay unambiguous). */
public final class TokenNameTakenException extends InvalidInputException {
    public TokenNameTakenException(String name) {
        super("--name", "a token named '" + name + "' already exists; choose another --name");
    }
}
