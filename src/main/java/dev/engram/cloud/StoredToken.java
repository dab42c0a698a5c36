package dev.engram.cloud;

/** A token row: its public info and the SHA-256 hex of the token. */
record StoredToken(TokenInfo info, String hash) {
}
